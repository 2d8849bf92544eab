"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { readError } from "@/components/contribute/api-client";
import styles from "./admin.module.css";

/** The token is sent once; the server answers with an HttpOnly session cookie. */
export function AdminLogin() {
  const router = useRouter();
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form className="card" style={{ maxWidth: "28rem" }} onSubmit={async (e) => {
      e.preventDefault();
      setBusy(true);
      setError(null);
      const res = await fetch("/api/v1/admin/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token }) }).catch(() => null);
      setBusy(false);
      if (res?.status === 204) {
        setToken("");
        router.refresh();
      } else setError(res ? (await readError(res)).message : "Could not reach the server.");
    }}>
      <h2>Log in</h2>
      <div className="field">
        <label htmlFor="admin-token">Admin token</label>
        <input id="admin-token" type="password" className={styles.token} autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} required
          aria-invalid={error ? true : undefined} aria-describedby={error ? "admin-token-error" : "admin-token-hint"} />
        {error ? <span id="admin-token-error" className="field-error" role="alert">{error}</span>
          : <span id="admin-token-hint" className="field-hint">The server&apos;s ADMIN_TOKEN. This browser stays logged in for 12 hours.</span>}
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || !token}>Log in</button>
    </form>
  );
}

export function AdminLogout() {
  const router = useRouter();
  return (
    <button type="button" className="btn btn-sm" onClick={async () => {
      await fetch("/api/v1/admin/session", { method: "DELETE" }).catch(() => null);
      router.refresh();
    }}>Log out</button>
  );
}
