import usePartySocket from "partysocket/react";
import { usePartySocket as useSocket } from "partysocket/react";

export function Room() {
  // PartySocket sends "party" verbatim: "Rooms" is not the server's "rooms".
  const ws = useSocket({ party: "Rooms", room: "r1" });
  const lobby = useSocket({ party: "lobby", room: "main" });
  return <p>{String(ws) + String(lobby) + String(usePartySocket)}</p>;
}
