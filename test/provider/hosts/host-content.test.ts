// How a role's file found on the host goes back into terraform state: secret values become their
// placeholders again, a hand-edited value on a secret line is hidden, other lines stay as found.
import { describe, expect, test } from "vitest";
import { hostContentForState } from "../../../provider/resources/private/role-files";

const TEMPLATE = "[database]\nconnection = mysql://nova:${secret:db}@ctl/nova\ndebug = false\n";
const SECRETS = { db: "Xq7pLm29vRt4" };

describe("hostContentForState", () => {
  test.each([
    ["the file as applied", "[database]\nconnection = mysql://nova:Xq7pLm29vRt4@ctl/nova\ndebug = false\n", TEMPLATE],
    ["a non-secret line edited", "[database]\nconnection = mysql://nova:Xq7pLm29vRt4@ctl/nova\ndebug = true\n", "[database]\nconnection = mysql://nova:${secret:db}@ctl/nova\ndebug = true\n"],
    ["the secret edited by hand", "[database]\nconnection = mysql://nova:typed@ctl/nova\ndebug = false\n", "[database]\nconnection = mysql://nova:(secret db edited on the host; value hidden)@ctl/nova\ndebug = false\n"],
    ["the secret copied to a new line", "[database]\nconnection = mysql://nova:Xq7pLm29vRt4@ctl/nova\ndebug = false\n# old: Xq7pLm29vRt4\n", "[database]\nconnection = mysql://nova:${secret:db}@ctl/nova\ndebug = false\n# old: ${secret:db}\n"],
  ])("given %s, then state shows what the host has without the secret", (_case, onHost, expected) => {
    const state = hostContentForState(TEMPLATE, onHost, SECRETS);
    expect(state).toBe(expected);
    expect(state).not.toContain(SECRETS.db);
  });

  test("given a template line that is only a placeholder, then other lines are not taken for it", () => {
    expect(hostContentForState("${secret:db}\nx = 1\n", "Xq7pLm29vRt4\nx = 2\n", SECRETS)).toBe("${secret:db}\nx = 2\n");
  });
});
