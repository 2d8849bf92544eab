import type { ReactNode } from "react";

/**
 * The heading block every page starts with: where the page sits (crumbs), its
 * title, the lead paragraph (children) and, on the right, its actions.
 */
export function PageHeader({ title, crumbs, crumbsClassName, leadClassName, actions, children }: {
  title: ReactNode;
  crumbs?: ReactNode;
  crumbsClassName?: string;
  leadClassName?: string;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        {crumbs ? <p className={crumbsClassName ? `muted small ${crumbsClassName}` : "muted small"}>{crumbs}</p> : null}
        <h1>{title}</h1>
        {children ? <p className={leadClassName ? `lead ${leadClassName}` : "lead"}>{children}</p> : null}
      </div>
      {actions}
    </div>
  );
}
