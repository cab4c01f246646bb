import type { ReactNode } from "react";

export function Card(props: { children?: ReactNode; className?: string; [key: string]: unknown }) {
  const { children, className, ...rest } = props;
  return <div className={`card ${className ?? ""}`} {...rest}>{children}</div>;
}
