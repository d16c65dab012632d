// The YAML side of the edit helpers: block entries on their own lines at the mapping's indentation,
// flow entries with commas, quoting kept, intrinsics written as short forms, removals by whole lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from '../../server/src/core/document';
import { property } from '../../server/src/core/json';
import { yamlAppendArrayItem, yamlInsertProperty, yamlRemoveNodes, yamlReplaceNode } from '../../server/src/core/yamlEdits';
import { applyEdits } from '../helpers';

const parse = (text: string) => parseDocument(text, { fileName: 'x.yaml' });

test('a property added to a block mapping goes on its own line, at the mapping indentation, in block style', () => {
  const text = 'Resources:\n  Role:\n    Type: AWS::IAM::Role # the role\n  Other:\n    Type: AWS::S3::Bucket\n';
  const role = property(property(parse(text).root, 'Resources'), 'Role')!;
  const edit = yamlInsertProperty(
    text,
    role,
    'Properties',
    JSON.stringify({ RoleName: { 'Fn::Sub': '${AWS::StackName}-role' }, Path: '/', Tags: [{ Key: 'a', Value: 'b: c' }] }),
  )!;
  assert.equal(
    applyEdits(text, [edit]),
    'Resources:\n  Role:\n    Type: AWS::IAM::Role # the role\n    Properties:\n      RoleName: !Sub \"${AWS::StackName}-role\"\n      Path: /\n      Tags:\n        - Key: a\n          Value: "b: c"\n  Other:\n    Type: AWS::S3::Bucket\n',
  );
});

test('a property added to a flow mapping and an item added to a flow sequence stay in flow style', () => {
  const text = 'Principal: {Service: ecs-tasks.amazonaws.com}\nAction: [a, b]\n';
  const root = parse(text).root;
  const edits = [
    yamlInsertProperty(text, property(root, 'Principal')!, 'AWS', '"arn:aws:iam::111122223333:root"')!,
    yamlAppendArrayItem(text, property(root, 'Action')!, '"c"')!,
  ];
  assert.equal(
    applyEdits(text, edits),
    'Principal: {Service: ecs-tasks.amazonaws.com, AWS: "arn:aws:iam::111122223333:root"}\nAction: [a, b, "c"]\n',
  );
});

test('an item appended to a block sequence gets its own `- ` line; the last line of a file without a line break too', () => {
  const text = 'Action:\n  - s3:GetObject\n  - s3:PutObject';
  const edit = yamlAppendArrayItem(text, property(parse(text).root, 'Action')!, '"s3:ListBucket"')!;
  assert.equal(applyEdits(text, [edit]), 'Action:\n  - s3:GetObject\n  - s3:PutObject\n  - s3:ListBucket');
});

test('a replaced scalar keeps its quoting where it can', () => {
  const text = 'a: allow\nb: \'allow\'\nc: "allow"\nd: x\n';
  const root = parse(text).root;
  const edits = ['a', 'b', 'c'].map((key) => yamlReplaceNode(text, property(root, key)!, '"Allow"'));
  edits.push(yamlReplaceNode(text, property(root, 'd')!, '"yes"'));
  assert.equal(applyEdits(text, edits), 'a: Allow\nb: \'Allow\'\nc: "Allow"\nd: "yes"\n');
});

test('removals take whole lines; the first key of a sequence item leaves the `- ` to the next; an emptied collection becomes [] or {}', () => {
  const text =
    'containerDefinitions:\n  - name: web\n    privileged: true\n    image: nginx\n  - name: db\n    user: root\nlinks: [a, b]\n';
  const root = parse(text).root!;
  const [web, db] = property(root, 'containerDefinitions')!.children!;
  const edits = [
    ...yamlRemoveNodes(text, [property(web, 'privileged')!.parent!]),
    ...yamlRemoveNodes(text, [property(db, 'name')!.parent!, property(db, 'user')!.parent!]),
    ...yamlRemoveNodes(text, [property(root, 'links')!.children![0]]),
  ];
  assert.equal(applyEdits(text, edits), 'containerDefinitions:\n  - name: web\n    image: nginx\n  - {}\nlinks: [b]\n');
  const first = yamlRemoveNodes(text, [property(web, 'name')!.parent!]);
  assert.equal(
    applyEdits(text, first),
    'containerDefinitions:\n  - privileged: true\n    image: nginx\n  - name: db\n    user: root\nlinks: [a, b]\n',
  );
});
