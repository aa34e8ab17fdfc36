import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  beingTyped,
  changedSpans,
  findAmiReferences,
  syntaxFor,
} from '../../../../src/core/model/amiReferences';
import type { Syntax } from '../../../../src/core/model/amiReferences';

/** Fixtures written after each format's public documentation; `.txt` keeps linters off them. */
function scan(fixture: string, syntax: Syntax): [string, string, string][] {
  const text = readFileSync(join(__dirname, 'fixtures', 'references', `${fixture}.txt`), 'utf8');
  return findAmiReferences(text, syntax).map((r) => {
    assert.equal(text.slice(r.start, r.end), r.imageId, 'offsets point at the id');
    return [r.imageId, r.region?.region ?? '*', r.region?.rule ?? 'configured'];
  });
}

describe('findAmiReferences', () => {
  it('Terraform: region maps, the default provider, an aliased provider, source_ami_region', () => {
    assert.deepEqual(scan('main.tf', 'blocks'), [
      ['ami-0a1b2c3d4e5f60718', 'eu-west-1', 'region-key'],
      ['ami-0b1c2d3e4f5a60718', 'eu-central-1', 'region-key'],
      ['ami-0c55b159cbfafe1f0', 'us-east-1', 'provider'],
      ['ami-1234abcd', 'us-west-2', 'provider'],
      ['ami-0f9e8d7c6b5a40312', 'eu-west-1', 'nearby-key'],
    ]);
  });

  it('CloudFormation YAML: every RegionMap entry (block and flow style) and a pinned id', () => {
    assert.deepEqual(scan('template.yaml', 'yaml'), [
      ['ami-0ff8a91507f77f867', 'us-east-1', 'region-key'],
      ['ami-0bdb828fd58c52235', 'us-west-1', 'region-key'],
      ['ami-047bb4163c506cd98', 'eu-west-1', 'region-key'],
      ['ami-06cd52961ce9f0d85', 'ap-northeast-1', 'region-key'],
      ['ami-0123456789abcdef0', '*', 'configured'],
    ]);
  });

  it('CloudFormation JSON: the RegionMap entries', () => {
    assert.deepEqual(scan('template.json', 'blocks'), [
      ['ami-0ff8a91507f77f867', 'us-east-1', 'region-key'],
      ['ami-0a584ac55a7631c0c', 'us-west-2', 'region-key'],
      ['ami-0abcdef1234567890', '*', 'configured'],
    ]);
  });

  it('knows all regions of a region map, once per map', () => {
    const text = readFileSync(
      join(__dirname, 'fixtures', 'references', 'template.yaml.txt'),
      'utf8',
    );
    const maps = findAmiReferences(text, 'yaml').map((r) => r.regionMap);
    assert.deepEqual(maps[0]?.regions, ['us-east-1', 'us-west-1', 'eu-west-1', 'ap-northeast-1']);
    assert.ok(maps.slice(0, 4).every((m) => m?.id === maps[0]?.id));
    assert.equal(maps[4], undefined);
    const json = readFileSync(
      join(__dirname, 'fixtures', 'references', 'template.json.txt'),
      'utf8',
    );
    assert.deepEqual(findAmiReferences(json, 'blocks')[1]?.regionMap?.regions, [
      'us-east-1',
      'us-west-2',
    ]);
  });

  it('Packer HCL and JSON: the source block’s region', () => {
    assert.deepEqual(scan('build.pkr.hcl', 'blocks'), [
      ['ami-0e2b332e63c56bcb5', 'us-west-2', 'nearby-key'],
    ]);
    assert.deepEqual(scan('packer.json', 'blocks'), [
      ['ami-0b7dcd6e6fd797935', 'ap-southeast-2', 'nearby-key'],
    ]);
  });

  it('CDK in TypeScript and Python: the region keys of genericLinux maps', () => {
    assert.deepEqual(scan('stack.ts', 'blocks'), [
      ['ami-0c1f0ea8d0f1cbd6c', 'eu-west-1', 'region-key'],
      ['ami-0d5eff06f840b45e9', 'us-east-1', 'region-key'],
      ['ami-0e872aee57663ae2d', 'eu-central-1', 'region-key'],
    ]);
    assert.deepEqual(scan('stack.py', 'blocks'), [
      ['ami-0f3d9639a5674d559', 'eu-west-2', 'region-key'],
      ['ami-0a7154091c5c6623e', 'ca-central-1', 'region-key'],
    ]);
  });

  it('Karpenter EC2NodeClass: ids without a region; a YAML mapping with its own region', () => {
    assert.deepEqual(scan('nodeclass.yaml', 'yaml'), [
      ['ami-0a1b2c3d4e5f67890', '*', 'configured'],
      ['ami-0fedcba9876543210', '*', 'configured'],
      ['ami-0c3b1c8e2a7b4e9d1', 'sa-east-1', 'nearby-key'],
    ]);
  });

  it('shell scripts: --region on the same command line (with continuations), --source-region', () => {
    assert.deepEqual(scan('launch.sh', 'lines'), [
      ['ami-0abcdef1234567890', '*', 'configured'],
      ['ami-0123456789abcdef0', 'eu-north-1', 'command-line'],
      ['ami-89abcdef', '*', 'configured'],
      ['ami-0fedcba9876543210', 'us-east-2', 'command-line'],
    ]);
  });

  it('finds nothing that only looks like an id', () => {
    for (const text of [
      'my-ami-0123abcd',
      'ami-0123abcd9',
      'xami-0123abcd',
      'ami-0123ABCD',
      'ami-0123abc',
      'ami-0123456789abcdef',
      'ami_0123abcd',
      'ami-0123abcd_x',
      'ami-0123abcd-copy',
    ]) {
      assert.deepEqual(findAmiReferences(text, 'lines'), [], text);
    }
    assert.deepEqual(
      findAmiReferences('"ami-0123abcd",ami-0123456789abcdef0.', 'lines').map((r) => r.imageId),
      ['ami-0123abcd', 'ami-0123456789abcdef0'],
    );
  });

  it('takes no region from a look-alike or from a key that is not about regions', () => {
    assert.deepEqual(
      findAmiReferences('{ "us-east-01": "ami-0123abcd", "zone": "us-east-1a" }', 'blocks').map(
        (r) => r.region,
      ),
      [undefined],
    );
    assert.deepEqual(
      findAmiReferences('tags:\n  Region: us-east-1\nami: ami-0123abcd\n', 'yaml').map(
        (r) => r.region,
      ),
      [undefined],
      'a region in a nested mapping is not the one of a key outside it',
    );
  });

  it('is not fooled by brackets inside strings and comments', () => {
    const text = [
      'provider "aws" {',
      '  region = "eu-west-3" # { not a block',
      '}',
      'resource "aws_instance" "x" {',
      '  user_data = "echo }"',
      '  ami = "ami-0123abcd"',
      '}',
    ].join('\n');
    assert.deepEqual(findAmiReferences(text, 'blocks')[0]?.region, {
      region: 'eu-west-3',
      rule: 'provider',
    });
  });

  it('finds every id of a 5,000-line file with 200 ids, in order', () => {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      lines.push(`resource "aws_instance" "i${i}" {`);
      lines.push(`  ami = "ami-${i.toString(16).padStart(17, '0')}"`);
      for (let j = 0; j < 22; j++) lines.push(`  # filler line ${j}`);
      lines.push('}');
    }
    // Correctness at size, not speed: every id found once, in order.
    const found = findAmiReferences(lines.join('\n'), 'blocks');
    assert.equal(found.length, 200);
    assert.equal(found[199]?.imageId, `ami-${(199).toString(16).padStart(17, '0')}`);
  });

  it('reads a document by language, by file name when VS Code knows no language for it, or as listed', () => {
    assert.equal(syntaxFor('yaml', '/x/template.yaml', []), 'yaml');
    assert.equal(syntaxFor('terraform', '/x/main.tf', []), 'blocks');
    assert.equal(syntaxFor('plaintext', '/x/main.tf', []), 'blocks');
    assert.equal(syntaxFor('plaintext', '/x/prod.tfvars', []), 'blocks');
    assert.equal(syntaxFor('plaintext', '/x/build.pkr.hcl', []), 'blocks');
    assert.equal(syntaxFor('shellscript', '/x/launch.sh', []), 'lines');
    assert.equal(syntaxFor('markdown', '/x/README.md', []), undefined);
    assert.equal(syntaxFor('markdown', '/x/README.md', ['markdown']), 'blocks');
  });
});

describe('an id still being typed', () => {
  const LONG = 'ami-0123abcd4567ef890';

  /** The ids of `text` and whether each is still being typed after typing its last character. */
  function afterTyping(text: string): [string, boolean][] {
    const at = text.length - 1;
    const lastEdit = changedSpans([{ rangeOffset: at, rangeLength: 0, text: text.slice(at) }]);
    return findAmiReferences(text, 'blocks').map((r) => [
      r.imageId,
      beingTyped(r, lastEdit, [text.length]),
    ]);
  }

  it('types a 17-digit id character by character: no prefix is ever a whole id to look up', () => {
    const prefix = 'ami = "';
    const looked: string[] = [];
    for (let n = 1; n <= LONG.length; n++) {
      for (const [id, typing] of afterTyping(prefix + LONG.slice(0, n)))
        if (!typing) looked.push(id);
    }
    // `ami-0123abcd` is a whole short id, but the cursor is at its end: the user is still typing.
    assert.deepEqual(looked, [LONG]);
  });

  it('looks the short id up once the cursor has left it, or when the last edit was elsewhere', () => {
    const text = 'ami = "ami-0123abcd"\nx = 1';
    const [id] = findAmiReferences(text, 'blocks');
    assert.ok(id);
    const typedEnd = changedSpans([{ rangeOffset: id.end - 1, rangeLength: 0, text: 'd' }]);
    assert.equal(beingTyped(id, typedEnd, [id.end]), true);
    assert.equal(beingTyped(id, typedEnd, [id.start + 3]), true, 'cursor inside the id');
    assert.equal(beingTyped(id, typedEnd, [text.length]), false, 'cursor moved away');
    const elsewhere = changedSpans([{ rangeOffset: text.length - 1, rangeLength: 1, text: '2' }]);
    assert.equal(beingTyped(id, elsewhere, [id.end]), false, 'the last edit was elsewhere');
    assert.equal(beingTyped(id, [], [id.end]), false, 'opened with the cursor there');
  });

  it('places the spans of several changes in the text after the edit', () => {
    // "abcdef": replace "b" with "XYZ" and insert "!" before "e" (offsets before the edit).
    assert.deepEqual(
      changedSpans([
        { rangeOffset: 4, rangeLength: 0, text: '!' },
        { rangeOffset: 1, rangeLength: 1, text: 'XYZ' },
      ]),
      [
        { start: 1, end: 4 },
        { start: 6, end: 7 },
      ],
    );
  });
});
