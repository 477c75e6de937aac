import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, placeholdersIn, restorePlaceholders, substitutePlaceholders, type Environment } from './environments.ts';

const dev: Environment = { name: 'dev', file: 'switchboard.env.yaml', values: { API_URL: 'https://dev.example', API_HOST_URL: 'https://dev.example.org', NUMBER: '+15550001000' } };

async function envFile(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'switchboard-env-')), 'switchboard.env.yaml');
  await writeFile(file, text);
  return file;
}

describe('environments', () => {
  it('fills placeholders in and puts them back, longest value first', () => {
    const local = { url: '${API_HOST_URL}/orders', other: ['${API_URL}/x', { from: '${NUMBER}', n: 3 }] };
    const remote = substitutePlaceholders(local, dev, 'flow.json');
    expect(remote).toEqual({ url: 'https://dev.example.org/orders', other: ['https://dev.example/x', { from: '+15550001000', n: 3 }] });
    expect(restorePlaceholders(remote, dev, 'flow')).toEqual(local);
    expect(placeholdersIn(local)).toEqual(['API_HOST_URL', 'API_URL', 'NUMBER']);
  });

  it('names the file, the placeholder and the environment of a missing value', () => {
    expect(() => substitutePlaceholders({ a: '${QUEUE_SID}' }, dev, 'flows/a.json')).toThrow('flows/a.json: ${QUEUE_SID} has no value in environment "dev" of switchboard.env.yaml');
    expect(() => substitutePlaceholders({ a: '${QUEUE_SID}' }, undefined, 'flows/a.json')).toThrow('flows/a.json: ${QUEUE_SID} needs an environment: pass --env FILE --environment NAME');
  });

  it('refuses to map back what would not push the same', () => {
    expect(() => restorePlaceholders({ body: 'literal ${NUMBER} text' }, dev, 'Flow')).toThrow(/Flow: the values of environment "dev" cannot be mapped back/);
  });

  it('reads YAML and JSON, and says what is wrong with a file', async () => {
    expect(await loadEnvironment(await envFile('environments:\n  prod:\n    values:\n      NUMBER: "+15550002000"\n'), 'prod')).toMatchObject({ values: { NUMBER: '+15550002000' } });
    expect(await loadEnvironment(await envFile('{"environments": {"dev": {"values": {"A": "b"}}}}'), 'dev')).toMatchObject({ name: 'dev', values: { A: 'b' } });
    const unquoted = await envFile('environments:\n  prod:\n    values:\n      NUMBER: +15550002000\n');
    await expect(loadEnvironment(unquoted, 'prod')).rejects.toMatchObject({ exitCode: 2, message: `${unquoted}: environments.prod.values.NUMBER must be a non-empty string (quote phone numbers and SIDs in YAML)` });
    const other = await envFile('environments:\n  dev:\n    values: {}\n  staging:\n    values: {}\n');
    await expect(loadEnvironment(other, 'prod')).rejects.toThrow(`${other}: no environment "prod" (the file has dev, staging)`);
    await expect(loadEnvironment(await envFile('- a list'), 'dev')).rejects.toThrow('the file must hold an "environments" object');
    await expect(loadEnvironment('/nonexistent/switchboard.env.yaml', 'dev')).rejects.toThrow(/cannot read the environments file: ENOENT/);
  });
});
