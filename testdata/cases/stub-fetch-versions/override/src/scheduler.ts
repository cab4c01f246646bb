import { Server } from "partyserver";

export class Scheduler<Env> extends Server<Env> {
  async fetch(_request: Request): Promise<Response> {
    return new Response("Hello World!");
  }
}

// Inherits the override above.
export class Nightly<Env> extends Scheduler<Env> {}

// Calls partyserver's fetch, which asks for the name.
export class Logged<Env> extends Server<Env> {
  override async fetch(request: Request): Promise<Response> {
    console.log(request.url);
    return super.fetch(request);
  }
}
