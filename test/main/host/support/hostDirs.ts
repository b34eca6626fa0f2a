// A temporary profile and renderer folder for a browser host under test, and a host on them that starts offline.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runHost, type RunningHost } from '../../../../main/host/runHost';

export interface HostDirs {
  tmp: string;
  rendererDir: string;
  profileDir: string;
}

/** A fresh folder with a one-line renderer page and a place for the profile. */
export async function makeHostDirs(prefix: string): Promise<HostDirs> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), prefix));
  const rendererDir = path.join(tmp, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Firstline</title>');
  return { tmp, rendererDir, profileDir: path.join(tmp, 'profile') };
}

/** A host in this process on fresh folders; nothing listens at its backend, so it starts offline. */
export async function startOfflineHost(dirs: HostDirs): Promise<RunningHost> {
  return runHost({
    // Nothing listens here: the workstation starts offline, which must not stop the bridge.
    backendUrl: 'http://127.0.0.1:9',
    profileDir: dirs.profileDir,
    rendererDir: dirs.rendererDir,
    version: 'test',
  });
}
