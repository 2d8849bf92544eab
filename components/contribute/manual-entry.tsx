"use client";

import { useState } from "react";
import { emptyForm } from "@/lib/contribute/form-schema";
import type { CreatedVm } from "@/lib/contribute/api-schemas";
import { publishFromForm } from "./api-client";
import { DuplicateNotice, PublishResult } from "./publish-result";
import { VmForm } from "./vm-form";

export function ManualEntry() {
  const [created, setCreated] = useState<CreatedVm | null>(null);
  const [dup, setDup] = useState<{ existingId: string; message: string } | null>(null);
  const [round, setRound] = useState(0);
  if (created) {
    return <PublishResult created={created} onAnother={() => { setCreated(null); setRound((r) => r + 1); }} />;
  }
  return (
    <>
      {dup ? <DuplicateNotice {...dup} /> : null}
      <VmForm
        key={round}
        idPrefix="manual"
        initial={emptyForm()}
        submitLabel="Publish"
        onSubmit={(c) => publishFromForm(c, { created: setCreated, duplicate: setDup }, "This configuration is already published.")}
      />
    </>
  );
}
