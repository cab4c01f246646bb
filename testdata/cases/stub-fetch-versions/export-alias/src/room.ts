import { Server } from "partyserver";
export class RoomServer extends Server {}
export class Chat extends Server {}
