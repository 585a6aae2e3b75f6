/** A running sandbox's variables as a dotenv file a user would pass with `--env-file` (mode 600). */
import { writeFile } from 'node:fs/promises';

export async function writeEnvFile(path: string, env: Record<string, string>): Promise<void> {
  const lines = Object.entries(env).map(([name, value]) => `${name}='${value}'`);
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}
