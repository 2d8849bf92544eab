import { describe, expect, it } from "vitest";

// A PostgreSQL URL where nothing listens: the health check must say so, not crash.
process.env.DATABASE_URL = "postgresql://vmcompare:secret@127.0.0.1:9/vmcompare";

describe("GET /api/health", () => {
  it("answers 503 with a reason when the database is unreachable, without the password", async () => {
    const { GET } = await import("./route");
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.status).toBe("unavailable");
    expect(body.reason).toMatch(/Cannot use the PostgreSQL database at postgresql:\/\/vmcompare:\*\*\*@127\.0\.0\.1:9\/vmcompare/);
    expect(JSON.stringify(body)).not.toContain("secret");
  });
});
