import { createRoot } from "react-dom/client";
import Panel from "./Panel";
import { Widget } from "./other";
import { connect, connectAll } from "./client";
void connect();
void connectAll();
createRoot(document.getElementById("root")!).render(<><Panel /><Widget useAgent={() => null} /></>);
