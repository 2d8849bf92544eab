"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { readError } from "@/components/contribute/api-client";
import type { AdminAction } from "@/lib/contribute/moderation-schemas";

type Outcome = { ok: boolean; message: string };
type Run = (action: AdminAction) => Promise<boolean>;

const ConsoleContext = createContext<{ run: Run; busy: boolean } | null>(null);

/**
 * The moderator's page: every action posts to /api/v1/admin, the outcome is
 * announced in one live region (focused, since the row acted on disappears)
 * and the server lists are read again.
 */
export function AdminConsole({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const status = useRef<HTMLDivElement>(null);

  const run = useCallback<Run>(async (action) => {
    setBusy(true);
    let result: Outcome;
    try {
      const res = await fetch("/api/v1/admin", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(action) });
      if (res.ok) result = { ok: true, message: ((await res.json()) as { message: string }).message };
      else if (res.status === 401) result = { ok: false, message: "Your session has ended: log in again." };
      else result = { ok: false, message: (await readError(res)).message };
    } catch {
      result = { ok: false, message: "Could not reach the server." };
    }
    setOutcome(result);
    setBusy(false);
    router.refresh();
    requestAnimationFrame(() => status.current?.focus());
    return result.ok;
  }, [router]);

  return (
    <ConsoleContext.Provider value={{ run, busy }}>
      <div ref={status} tabIndex={-1} role="status" aria-live="polite" data-testid="admin-status" className={outcome ? `alert ${outcome.ok ? "alert-ok" : "alert-error"}` : undefined}>
        {outcome?.message}
      </div>
      {children}
    </ConsoleContext.Provider>
  );
}

export function useAdmin() {
  const ctx = useContext(ConsoleContext);
  if (!ctx) throw new Error("useAdmin() outside <AdminConsole>");
  return ctx;
}
