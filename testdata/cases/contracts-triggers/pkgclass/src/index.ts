import { Scheduled } from "@acme/shared";

export default class Worker extends Scheduled {
  async fetch() {
    return new Response("pkg");
  }
}
