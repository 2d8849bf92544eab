import { afterEach, describe, expect, it, vi } from "vitest";
import { errorMessage, uploadForm } from "./upload-form";

/** A stand-in for the browser's XMLHttpRequest that answers as told once the body is "sent". */
class FakeXhr {
  static answer: { status: number; text: string } | "network-error" = { status: 200, text: "{}" };
  static last: FakeXhr;
  headers: Record<string, string> = {};
  method = "";
  url = "";
  responseType = "";
  status = 0;
  responseText = "";
  upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void; onload?: () => void } = {};
  onload?: () => void;
  onerror?: () => void;
  sent?: FormData;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader(k: string) {
    return k.toLowerCase() === "retry-after" ? "7" : null;
  }
  send(body: FormData) {
    this.sent = body;
    queueMicrotask(() => {
      const a = FakeXhr.answer;
      if (a === "network-error") return this.onerror?.();
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
      this.upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
      this.upload.onload?.();
      this.status = a.status;
      this.responseText = a.text;
      this.onload?.();
    });
  }
}

describe("uploadForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reports progress and the end of the upload, then the JSON answer", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    FakeXhr.answer = { status: 201, text: '{"id":"abc"}' };
    const progress: number[] = [];
    const uploaded = vi.fn();
    const form = new FormData();
    form.append("file", new Blob(["x"]), "a.vmx");
    const r = await uploadForm<{ id: string }>("/api/v1/estates", form, { token: "t0k", onProgress: (f) => progress.push(f), onUploaded: uploaded });
    expect(r).toMatchObject({ status: 201, ok: true, body: { id: "abc" } });
    expect(r.headers("Retry-After")).toBe("7");
    expect(progress).toEqual([0.25, 1]);
    expect(uploaded).toHaveBeenCalledOnce();
    expect(FakeXhr.last).toMatchObject({ method: "POST", url: "/api/v1/estates", headers: { Authorization: "Bearer t0k" } });
    expect(FakeXhr.last.sent).toBe(form);
  });

  it("resolves an error answer with its message, and an unreadable one with its status", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    FakeXhr.answer = { status: 422, text: '{"error":{"code":"parse_error","message":"a.vmx, line 3: bad","field":"memsize"}}' };
    const r = await uploadForm("/x", new FormData());
    expect(r.ok).toBe(false);
    expect(errorMessage(r.body, r.status)).toEqual({ message: "a.vmx, line 3: bad", field: "memsize" });

    FakeXhr.answer = { status: 502, text: "<html>Bad gateway</html>" };
    const bad = await uploadForm("/x", new FormData());
    expect(errorMessage(bad.body, bad.status).message).toBe("The server answered 502 without a readable body.");
    expect(errorMessage(null, 500).message).toBe("The server answered 500.");
  });

  it("rejects when the server cannot be reached", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    FakeXhr.answer = "network-error";
    await expect(uploadForm("/x", new FormData())).rejects.toThrow(/could not be reached/);
  });
});
