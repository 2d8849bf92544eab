"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { emptyForm } from "@/lib/contribute/form-schema";
import { publishFromForm } from "./api-client";
import { DuplicateNotice } from "./publish-result";
import { handOffPublished } from "./published-banner";
import { VmForm } from "./vm-form";

export function ManualEntry() {
  const router = useRouter();
  const [dup, setDup] = useState<{ existingId: string; message: string } | null>(null);
  return (
    <>
      {dup ? <DuplicateNotice {...dup} /> : null}
      <VmForm
        idPrefix="manual"
        initial={emptyForm()}
        submitLabel="Publish"
        onSubmit={(c) => publishFromForm(c, {
          // The new VM's page shows the once-only edit link (published-banner.tsx).
          created: (v) => {
            handOffPublished(v);
            router.push(`/vms/${v.id}`);
          },
          duplicate: setDup,
        }, "This configuration is already published.")}
      />
    </>
  );
}
