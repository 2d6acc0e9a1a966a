#!/usr/bin/env python3
"""Checks perfkit's Kubernetes manifests without a cluster.

kubectl's client-side dry run needs an API server, so this loads every object of
deploy/k8s/*.yaml into the official Python client's models (which refuse a missing required
field or a wrong type), serialises it back and refuses any key the model dropped (a
misspelled or misplaced field), and checks what ties the objects together: references to
ConfigMaps, Secrets and volumes, and an Indexed Job's segment count.

On success it prints, as JSON, every perfkit command line the manifests run (arguments with
Kubernetes' $(VAR) references expanded from the container's environment), the environment
each gets, and the files mounted from ConfigMaps, so a test can hand each command line to
perfkit itself.

Usage: check_manifests.py [FOLDER]   (needs `pip install kubernetes pyyaml`)
Exit codes: 0 all good, 1 a manifest is wrong (each problem on stderr, naming file and object).
"""

import glob
import json
import os
import re
import sys

import kubernetes.client
import yaml

# The kinds perfkit ships, by apiVersion and kind, with the client's model for each.
MODELS = {
    ("v1", "ConfigMap"): "V1ConfigMap",
    ("v1", "Secret"): "V1Secret",
    ("batch/v1", "Job"): "V1Job",
}

VARIABLE_REFERENCE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where, text):
        self.items.append(f"{where}: {text}")


def load_objects(folder, problems):
    """Every object of every manifest, as (file, index, dict)."""
    objects = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            try:
                documents = list(yaml.safe_load_all(handle))
            except yaml.YAMLError as error:
                problems.add(os.path.basename(path), f"not YAML: {error}")
                continue
        for index, document in enumerate(d for d in documents if d is not None):
            objects.append((os.path.basename(path), index, document))
    return objects


def differences(original, serialised, path=""):
    """Where `original` did not survive the model: fields the API does not have, and values
    of the wrong type (the client turns a list given for a string into its text)."""
    found = []
    if isinstance(original, dict) and isinstance(serialised, dict):
        for key, value in original.items():
            where = f"{path}.{key}" if path else key
            if key not in serialised:
                found.append(f"{where} is not a field of")
            else:
                found += differences(value, serialised[key], where)
    elif isinstance(original, list) and isinstance(serialised, list):
        for index, (left, right) in enumerate(zip(original, serialised)):
            found += differences(left, right, f"{path}[{index}]")
    elif original != serialised or type(original) is not type(serialised):
        found.append(f"{path} = {original!r} has the wrong type for")
    return found


def check_model(where, document, problems):
    """Whether `document` loads into its model unchanged; each difference is a problem."""
    key = (document.get("apiVersion"), document.get("kind"))
    model = MODELS.get(key)
    if model is None:
        problems.add(where, f"apiVersion {key[0]!r} kind {key[1]!r} is not one this check knows")
        return False
    client = kubernetes.client.ApiClient()
    try:
        # The client's own deserialiser: the path a response from a real API server takes.
        loaded = client._ApiClient__deserialize(document, model)
    except (ValueError, TypeError) as error:
        problems.add(where, f"not a valid {model}: {error}")
        return False
    found = differences(document, client.sanitize_for_serialization(loaded))
    for difference in found:
        problems.add(where, f"{difference} {model}")
    return not found


def pod_specs(document):
    if document.get("kind") == "Job":
        yield document["spec"]["template"]["spec"]


def environment(container, config_maps, secrets, where, problems):
    """The container's environment as the kubelet builds it: envFrom first, then env."""
    values = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            name = source["configMapRef"]["name"]
            if name not in config_maps:
                problems.add(where, f"envFrom names ConfigMap {name!r}, which no manifest defines")
            values.update(config_maps.get(name, {}))
        if "secretRef" in source:
            name = source["secretRef"]["name"]
            if name not in secrets:
                problems.add(where, f"envFrom names Secret {name!r}, which no manifest defines")
            values.update(secrets.get(name, {}))
    for variable in container.get("env", []):
        if "value" in variable:
            values[variable["name"]] = variable["value"]
    return values


def expand(argument, values, where, problems):
    def replace(match):
        name = match.group(1)
        if name not in values:
            problems.add(where, f"argument {argument!r} refers to $({name}), which the container's environment lacks")
            return match.group(0)
        return values[name]
    return VARIABLE_REFERENCE.sub(replace, argument)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    problems = Problems()
    objects = load_objects(folder, problems)
    if not objects:
        problems.add(folder, "no manifests found")
    config_maps, secrets, valid = {}, {}, []
    for file, index, document in objects:
        where = f"{file} #{index + 1} ({document.get('kind')} {document.get('metadata', {}).get('name')})"
        # The cross-object checks below read only objects the models accepted.
        if not check_model(where, document, problems):
            continue
        valid.append((file, index, document))
        name = document.get("metadata", {}).get("name")
        if document.get("kind") == "ConfigMap":
            config_maps[name] = document.get("data", {})
        if document.get("kind") == "Secret":
            secrets[name] = document.get("stringData", {})

    commands, files = [], {}
    for file, index, document in valid:
        for spec in pod_specs(document):
            job = document["metadata"]["name"]
            volumes = {volume["name"]: volume for volume in spec.get("volumes", [])}
            indexed = document["spec"].get("completionMode") == "Indexed"
            for container in spec.get("initContainers", []) + spec.get("containers", []):
                where = f"{file} (Job {job}, container {container['name']})"
                values = environment(container, config_maps, secrets, where, problems)
                for mount in container.get("volumeMounts", []):
                    volume = volumes.get(mount["name"])
                    if volume is None:
                        problems.add(where, f"mounts volume {mount['name']!r}, which the pod does not define")
                        continue
                    source = volume.get("configMap", {}).get("name")
                    if source is not None:
                        if source not in config_maps:
                            problems.add(where, f"volume {mount['name']!r} names ConfigMap {source!r}, which no manifest defines")
                        for key, text in config_maps.get(source, {}).items():
                            files[os.path.join(mount["mountPath"], key)] = text
                if indexed:
                    segments = values.get("PERFKIT_SEGMENTS")
                    counts = {document["spec"].get("completions"), document["spec"].get("parallelism")}
                    if segments is None or counts != {int(segments)}:
                        problems.add(where, f"an Indexed Job needs completions = parallelism = PERFKIT_SEGMENTS, "
                                            f"got {sorted(counts)} and {segments!r}")
                commands.append({
                    "job": job,
                    "container": container["name"],
                    "indexed_completions": document["spec"].get("completions") if indexed else None,
                    "arguments": [expand(argument, values, where, problems) for argument in container.get("args", [])],
                    "environment": values,
                })
    if problems.items:
        for problem in problems.items:
            print(problem, file=sys.stderr)
        return 1
    json.dump({"objects": len(objects), "commands": commands, "files": files}, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
