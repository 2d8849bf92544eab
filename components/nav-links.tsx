"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV = [
  { href: "/vms", label: "Browse" },
  { href: "/compare", label: "Compare" },
  { href: "/workloads", label: "Workloads" },
  { href: "/contribute", label: "Contribute" },
  { href: "/data", label: "Data" },
] as const;

export function NavLinks() {
  const path = usePathname() ?? "/";
  return (
    <nav className="nav" aria-label="Main">
      {NAV.map((n) => {
        const active = path === n.href || path.startsWith(n.href + "/");
        return (
          <Link key={n.href} href={n.href} aria-current={active ? "page" : undefined}>
            {n.label}
          </Link>
        );
      })}
    </nav>
  );
}
