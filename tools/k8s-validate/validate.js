// Validates custom resources against their CRDs' schemas, strictly: tests/Shop.Kubernetes.Tests pipes the rendered
// objects that KubernetesClient has no model for (KEDA, External Secrets, the OpenTelemetry operator) as a JSON array
// on stdin; this prints, as a JSON array on stdout, one entry per object: { apiVersion, kind, name, errors: [...] }.
//
// The schemas are the @kubernetes-models packages' (generated from each project's Go API types, ajv-compiled). Their
// schemas carry no additionalProperties: false, so on their own they accept any unknown field. The API server prunes
// unknown fields of a structural CRD schema (or rejects them under kubectl's strict field validation); this script
// rejects them too: it runs each validator over a Proxy of the object that records which keys the validator looked
// up, and every key of an object the validator inspected that it never looked up is reported as an unknown field.
// Maps (the validator enumerates their keys) and schema-less values (it inspects none of their keys) are open.
import * as keda from "@kubernetes-models/keda";
import * as externalSecrets from "@kubernetes-models/external-secrets";
import * as openTelemetryOperator from "@kubernetes-models/opentelemetry-operator";

/** apiVersion/kind -> model class, from every group/version namespace the packages export. */
function modelsOf(...packages) {
  const models = new Map();
  const visit = (namespace, depth) => {
    for (const value of Object.values(namespace)) {
      if (typeof value === "function" && typeof value.apiVersion === "string" && typeof value.kind === "string") {
        models.set(`${value.apiVersion}/${value.kind}`, value);
      } else if (value && typeof value === "object" && depth < 3) {
        visit(value, depth + 1);
      }
    }
  };
  packages.forEach((p) => visit(p, 0));
  return models;
}

const models = modelsOf(keda, externalSecrets, openTelemetryOperator);

function pathOf(segments) {
  return segments.reduce((path, s) => (typeof s === "number" ? `${path}[${s}]` : path ? `${path}.${s}` : s), "");
}

/** A view of value that records, per plain object, the keys read (or that all were, when they are enumerated). */
function tracked(value) {
  const objects = []; // { target, path, read: Set, enumerated: bool }
  const proxies = new WeakMap();
  const wrap = (target, path) => {
    if (target === null || typeof target !== "object") return target;
    if (proxies.has(target)) return proxies.get(target);
    const entry = { target, path, read: new Set(), enumerated: false };
    if (!Array.isArray(target)) objects.push(entry);
    const child = (key) => (Array.isArray(target) ? (/^\d+$/.test(key) ? [...path, Number(key)] : null) : [...path, key]);
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        const result = Reflect.get(t, key, receiver);
        if (typeof key !== "string") return result;
        entry.read.add(key);
        const childPath = Object.prototype.hasOwnProperty.call(t, key) ? child(key) : null;
        return childPath ? wrap(result, childPath) : result;
      },
      has(t, key) {
        if (typeof key === "string") entry.read.add(key);
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        entry.enumerated = true;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, key) {
        if (typeof key === "string") entry.read.add(key);
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
    });
    proxies.set(target, proxy);
    return proxy;
  };
  return { proxy: wrap(value, []), objects };
}

function validate(object) {
  const apiVersion = object?.apiVersion;
  const kind = object?.kind;
  const result = { apiVersion, kind, name: object?.metadata?.name ?? null, errors: [] };
  const model = models.get(`${apiVersion}/${kind}`);
  if (!model) {
    result.errors.push(`no schema for ${apiVersion}/${kind} (tools/k8s-validate knows ${models.size} kinds of keda.sh, external-secrets.io and opentelemetry.io)`);
    return result;
  }

  const { proxy, objects } = tracked(object);
  try {
    model.prototype.validate.call(proxy);
  } catch (error) {
    if (!Array.isArray(error?.errors)) throw error;
    for (const e of error.errors) {
      const segments = e.instancePath.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replaceAll("~1", "/").replaceAll("~0", "~")));
      const detail = e.keyword === "enum" ? ` (${e.params.allowedValues.join(", ")})` : "";
      result.errors.push(`${pathOf(segments) || "(root)"}: ${e.message ?? e.keyword}${detail}`);
    }
  }

  for (const { target, path, read, enumerated } of objects) {
    // The validator probes the properties it knows even when they are absent (`void 0 !== data.x`), so an object it
    // read no key of at all is schema-less (preserve-unknown-fields, any), and one whose keys it enumerated is a map.
    if (enumerated || read.size === 0) continue;
    for (const key of Object.keys(target)) {
      if (!read.has(key)) result.errors.push(`${pathOf([...path, key])}: unknown field`);
    }
  }

  return result;
}

const input = await new Promise((resolve, reject) => {
  const chunks = [];
  process.stdin.on("data", (chunk) => chunks.push(chunk));
  process.stdin.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  process.stdin.on("error", reject);
});

process.stdout.write(JSON.stringify(JSON.parse(input).map(validate)));
