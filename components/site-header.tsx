import Link from "next/link";
import { NavLinks } from "./nav-links";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true">vc</span>
          vmcompare
        </Link>
        <NavLinks />
        <Link href="/contribute" className="btn btn-primary btn-sm nav-cta">
          Contribute a VM
        </Link>
      </div>
    </header>
  );
}
