// Findings about a Terraform/OpenTofu plan as input (`diff --plan`). One table, listed in
// src/report/finding-registry.ts.
import { defineFindings, finding, type Finding } from '../findings/types.js';
import type { TerraformPlan } from '../zone-formats/terraform/read-plan.js';

export const PLAN_FINDINGS = defineFindings({
  // A value Terraform learns only when it applies the plan (`after_unknown`): what the record will
  // hold is not in the plan, so the checks that read it cannot tell (they never say "no record").
  'input-value-unknown': { severity: 'warning', title: 'A planned DNS value is known only after apply', rule: 'Terraform plan JSON (after_unknown)' },
});

/** One finding per planned RRset whose value is known only after apply. */
export function unknownValueFindings(plan: TerraformPlan): Finding[] {
  return plan.changes
    .filter((c) => c.after?.unknown === true)
    .map((c) => {
      const after = c.after as NonNullable<typeof c.after>;
      return finding(
        PLAN_FINDINGS['input-value-unknown'],
        `${c.address} (${after.type} at ${after.name}) has a value known only after apply: the checks that read ${after.name} ${after.type} cannot tell what it will hold.`,
        { domain: after.name, path: [c.address], file: c.at.file, line: c.at.line },
        `Write the value in the configuration (not computed from another resource), or audit again once the resource it comes from exists.`,
      );
    });
}
