"use client";

import Link from "next/link";

/**
 * The error boundary's view for one kind of page: says what could not be
 * shown, offers to try again (re-rendering the segment) and a way out.
 */
export function PageError({ error, reset, what, back }: { error: Error & { digest?: string }; reset: () => void; what: string; back: { href: string; label: string } }) {
  return (
    <div className="container page">
      <div className="card empty" role="alert">
        <h1>{what[0].toUpperCase() + what.slice(1)} could not be shown</h1>
        <p>Try again; if it keeps failing, the database may be unavailable.</p>
        {error.digest ? <p className="muted small">Reference: {error.digest}</p> : null}
        <p>
          <button type="button" className="btn btn-primary" onClick={() => reset()}>Try again</button>{" "}
          <Link href={back.href} className="btn">{back.label}</Link>
        </p>
      </div>
    </div>
  );
}
