import type { ReactNode } from "react";

export function Button(props: { children?: ReactNode; className?: string; [key: string]: unknown }) {
  const { children, className, ...rest } = props;
  return <div className={`button ${className ?? ""}`} {...rest}>{children}</div>;
}
