import { BASE_URL, TEAM } from "./constants";

export default {
  async fetch(_request: Request, env: Env) {
    const region = env.REGION ?? process.env.REGION; // read from env too: written for Node.js and Workers alike
    return fetch(BASE_URL + "/api?team=" + TEAM + "&r=" + region);
  },
} satisfies ExportedHandler<Env>;
