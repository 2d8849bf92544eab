"use client";

import type { FormHTMLAttributes } from "react";

/**
 * A GET form that submits itself when a control changes (choosing a
 * baseline radio); its submit button stays for keyboard users and works
 * without JavaScript.
 */
export function AutoSubmitForm(props: FormHTMLAttributes<HTMLFormElement>) {
  return (
    <form
      {...props}
      onChange={(e) => {
        const target = e.target as unknown as HTMLInputElement;
        if (target.type === "radio") e.currentTarget.requestSubmit();
      }}
    />
  );
}
