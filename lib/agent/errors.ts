import { AppError, type ErrorCode } from "@/lib/errors/app-error";

/** Why talking to a vSphere server failed; each kind has its own one-line message for the admin. */
export type VsphereErrorKind =
  | "auth"          // wrong user name or password
  | "permission"    // logged in, but the account may not read something
  | "unreachable"   // no TCP connection (refused, unknown host, no route)
  | "tls"           // the server's certificate is not trusted
  | "timeout"       // connected (or tried to) but no answer in time
  | "not-vsphere"   // something answered, but not the vSphere Web Services API
  | "fault"         // a SOAP fault we have no better words for
  | "too-large";    // a response over the size cap

const CODE: Record<VsphereErrorKind, ErrorCode> = {
  auth: "unauthorized",
  permission: "forbidden",
  unreachable: "internal",
  tls: "forbidden",
  timeout: "internal",
  "not-vsphere": "unsupported_format",
  fault: "internal",
  "too-large": "too_large",
};

export class VsphereError extends AppError {
  readonly kind: VsphereErrorKind;

  constructor(kind: VsphereErrorKind, message: string, details?: unknown) {
    super(CODE[kind], message, {}, details);
    this.name = "VsphereError";
    this.kind = kind;
  }
}

export function isVsphereError(e: unknown): e is VsphereError {
  return e instanceof VsphereError;
}
