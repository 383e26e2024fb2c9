// Where the values behind `${secret:NAME}` placeholders come from. Service passwords are generated
// by the provider (`polyvisor_password`: created once, kept only in state, sensitive); credentials
// of systems polyvisor does not own (a vCenter, a XenServer pool) are sensitive Terraform variables
// the operator sets with TF_VAR_<name>. Neither ever appears in the synthesized JSON.
import { Construct } from "constructs";
import { PasswordResource } from "./bindings";
import { TerraformVariable } from "./cdktf";

export class SecretStore extends Construct {
  private readonly values = new Map<string, string>();
  private readonly external = new Set<string>();
  private readonly variables = new Map<string, string>();

  /** Declares a secret the operator supplies: it becomes a sensitive variable, not a generated password. */
  markExternal(name: string): void {
    this.external.add(name);
  }

  /** A token for the secret's value, creating its password resource or variable on first use. */
  value(name: string): string {
    let v = this.values.get(name);
    if (v === undefined) {
      v = this.external.has(name) ? this.variable(name) : this.password(name);
      this.values.set(name, v);
    }
    return v;
  }

  /** Every secret name asked for so far, sorted. */
  get names(): readonly string[] {
    return [...this.values.keys()].sort();
  }

  private password(name: string): string {
    return new PasswordResource(this, name, { name, length: 32 }).value;
  }

  /** A sensitive Terraform variable (one per name in the stack); its value is set with TF_VAR_<name>. */
  variable(name: string, description = `Credential ${name} of a system outside the cloud`): string {
    let v = this.variables.get(name);
    if (v === undefined) {
      const tf = new TerraformVariable(this, `var-${name}`, { type: "string", sensitive: true, description: `${description} (set TF_VAR_${name})` });
      tf.overrideLogicalId(name);
      v = tf.stringValue;
      this.variables.set(name, v);
    }
    return v;
  }
}
