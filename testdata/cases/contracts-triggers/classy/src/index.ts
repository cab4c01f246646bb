import { Base } from "./base";

export default class extends Base {
  async scheduled(controller: ScheduledController) {}
}
