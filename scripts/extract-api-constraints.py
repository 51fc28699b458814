#!/usr/bin/env python3
"""Extracts the constraints of CreateUserPoolClientRequest from the botocore
model installed on this machine into test/fixtures/create-user-pool-client-constraints.json.

The conformance test (test/rules/conformance.test.ts) generates values at and
just past every bound in that file and checks the validator agrees. Re-run
after upgrading botocore; review the diff (new enum values, changed bounds).
"""
import gzip
import json
import os
import sys

import botocore

MODEL = os.path.join(os.path.dirname(botocore.__file__), 'data', 'cognito-idp', '2016-04-18', 'service-2.json.gz')
OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'create-user-pool-client-constraints.json')
KEYS = ('type', 'min', 'max', 'pattern', 'enum')


def shape(shapes, name):
    s = shapes[name]
    out = {'shape': name, **{k: s[k] for k in KEYS if k in s}}
    if s['type'] == 'list':
        out['member'] = shape(shapes, s['member']['shape'])
    if s['type'] == 'structure':
        out['required'] = s.get('required', [])
        out['members'] = {m: shape(shapes, r['shape']) for m, r in s['members'].items()}
    return out


def main():
    model = json.load(gzip.open(MODEL))
    shapes = model['shapes']
    request = shapes['CreateUserPoolClientRequest']
    fixture = {
        'provenance': {
            'source': 'botocore %s, cognito-idp/2016-04-18/service-2.json.gz, shape CreateUserPoolClientRequest' % botocore.__version__,
            'extractedBy': 'scripts/extract-api-constraints.py',
            'note': 'The model lags the service: ALLOW_CLIENT_TOKEN_AUTH (GetClientToken) is documented but absent from ExplicitAuthFlowsType here; the validator accepts it as newer than the model.',
        },
        'required': request['required'],
        'members': {m: shape(shapes, r['shape']) for m, r in request['members'].items()},
    }
    with open(OUT, 'w') as f:
        json.dump(fixture, f, indent=2, sort_keys=False)
        f.write('\n')
    print('wrote', os.path.relpath(OUT), file=sys.stderr)


if __name__ == '__main__':
    main()
