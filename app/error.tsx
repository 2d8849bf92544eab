"use client";

import Link from "next/link";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="container page">
      <div className="card empty" role="alert">
        <h1>Something went wrong</h1>
        <p>This page could not be shown. Try again; if it keeps failing, the database may be unavailable.</p>
        {error.digest ? <p className="muted small">Reference: {error.digest}</p> : null}
        <p>
          <button className="btn btn-primary" onClick={() => reset()}>Try again</button>{" "}
          <Link href="/" className="btn">Home</Link>
        </p>
      </div>
    </div>
  );
}
