import { z } from "zod";
import { CredentialSource, credentialSourceProblems } from "../credential-source";

/** The `credentials` input as the provider checks it: names only, never values. */
export const credentialSourceSchema = z.unknown().superRefine((value, ctx) => {
  for (const message of credentialSourceProblems(value)) {
    ctx.addIssue({ code: "custom", message: message.replace(/^credentials(\.| )/, "") });
  }
}) as unknown as z.ZodType<CredentialSource>;
