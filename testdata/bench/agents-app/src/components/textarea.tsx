import type { ReactNode } from "react";

export function Textarea(props: { children?: ReactNode; className?: string; [key: string]: unknown }) {
  const { children, className, ...rest } = props;
  return <div className={`textarea ${className ?? ""}`} {...rest}>{children}</div>;
}
