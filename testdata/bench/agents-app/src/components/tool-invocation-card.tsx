import { useState } from "react";
import type { ToolUIPart } from "ai";
import { Button } from "./button";
import { Card } from "./card";
import { APPROVAL } from "../shared";

interface ToolInvocationCardProps {
  toolUIPart: ToolUIPart;
  toolCallId: string;
  needsConfirmation: boolean;
  onSubmit: ({ toolCallId, result }: { toolCallId: string; result: string }) => void;
  addToolResult: (toolCallId: string, result: string) => void;
}

export function ToolInvocationCard({ toolUIPart, toolCallId, needsConfirmation, onSubmit }: ToolInvocationCardProps) {
  const [isExpanded, setIsExpanded] = useState(true);
  return (
    <Card className="p-4 my-3 w-full max-w-[500px] rounded-md bg-neutral-100">
      <button type="button" onClick={() => setIsExpanded(!isExpanded)} className="w-full flex items-center gap-2">
        <h4 className="font-medium flex items-center gap-2 flex-1 text-left">{toolUIPart.type}</h4>
      </button>
      {isExpanded && needsConfirmation && toolUIPart.state === "input-available" && (
        <div className="flex gap-2 justify-end">
          <Button onClick={() => onSubmit({ toolCallId, result: APPROVAL.NO })}>Reject</Button>
          <Button onClick={() => onSubmit({ toolCallId, result: APPROVAL.YES })}>Approve</Button>
        </div>
      )}
    </Card>
  );
}
