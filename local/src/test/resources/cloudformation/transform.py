#!/usr/bin/env python3
"""Prints template.yaml as CloudFormation receives it: packaged (each CodeUri an S3 location, as `sam package`
leaves it) and transformed by the SAM translator (samtranslator, which cfn-lint ships), for the given parameter
values. Usage: transform.py TEMPLATE [Name=Value ...]"""
import json
import os
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template names no managed policy by name, so none need looking up (that would need AWS)."""

    def load(self):
        return {}


def main():
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    with open(sys.argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    for name, resource in template["Resources"].items():
        if resource.get("Type") == "AWS::Serverless::Function":
            # `sam package` uploads the built artifact and writes its S3 location; the code is the same for
            # every parameter set here.
            resource["Properties"]["CodeUri"] = "s3://artifacts/" + name
            resource.get("Metadata", {}).pop("BuildMethod", None)
    parameters = dict(arg.split("=", 1) for arg in sys.argv[2:])
    json.dump(transform(template, parameters, NoManagedPolicies()), sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
