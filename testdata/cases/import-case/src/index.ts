// The file is domain.ts: a case-insensitive disk forgives this, the deploy does not.
import { D } from "./Domain"; // want 19 "unresolved-import" "the file is domain.ts: names differ only in letter case"
export default { fetch: () => new Response(String(D)) };
