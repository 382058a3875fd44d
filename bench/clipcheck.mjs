// The clip check of a large clip reads its boxes, not its media: a 100 MB 1080P H.264/AAC mp4 (made here by ffmpeg,
// once with its header at the end as ffmpeg writes it, once with it in front) checked by src/core/inputs/clipCheck.ts
// through src/core/media/mediaInfo.ts. Goal (issue 21): the check reads ≤ 1 MB. Reference, in the same run: the time
// to read the first 1 MB of the same file.
// Run: `node bench/clipcheck.mjs [runs]` (the code is bundled from src/ here, with esbuild).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const runs = Number(process.argv[2] ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'wk-bench-clip-'));
const MB = 1024 * 1024;

const entry = path.join(scratch, 'entry.ts');
const bundle = path.join(scratch, 'clip.cjs');
await esbuild.build({
  stdin: {
    contents: `export { readMediaInfo } from ${JSON.stringify(path.join(root, 'src/core/media/mediaInfo.ts'))};
export { inspectClip, clipProblems } from ${JSON.stringify(path.join(root, 'src/core/inputs/clipCheck.ts'))};
export { MODELS, clipLimits } from ${JSON.stringify(path.join(root, 'src/core/catalog/models.ts'))};`,
    resolveDir: root,
    sourcefile: entry,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
});
const { readMediaInfo, inspectClip, clipProblems, MODELS, clipLimits } = createRequire(import.meta.url)(bundle);

function makeClip(file, faststart) {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '10', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30',
    '-b:v', '78M', '-maxrate', '78M', '-bufsize', '78M', '-c:a', 'aac', '-shortest',
    ...(faststart ? ['-movflags', '+faststart'] : []), file,
  ]);
  return file;
}

function readFirstMegabyte(file) {
  const started = process.hrtime.bigint();
  const fd = openSync(file, 'r');
  readSync(fd, Buffer.alloc(MB), 0, MB, 0);
  closeSync(fd);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log('making two 10 s 1080P clips of about 100 MB with ffmpeg…');
const limits = clipLimits(MODELS['wan2.7-i2v']);
for (const [name, faststart] of [['header at the end', false], ['header in front', true]]) {
  const file = makeClip(path.join(scratch, `clip-${faststart ? 'front' : 'end'}.mp4`), faststart);
  const bytes = statSync(file).size;
  const info = await readMediaInfo(file, { keyframes: true });
  const times = [];
  const references = [];
  let problems = [];
  for (let i = 0; i < runs; i++) {
    references.push(readFirstMegabyte(file));
    const started = process.hrtime.bigint();
    const { facts } = await inspectClip(file, 'first_clip');
    problems = clipProblems('first_clip', facts, limits);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const checkMs = median(times);
  const referenceMs = median(references);
  console.log(`${name}: ${(bytes / MB).toFixed(1)} MB, ${info.video.frames} frames, ${info.video.keyframes.length} keyframes; problems: ${problems.map((problem) => problem.code).join(', ') || 'none'}`);
  console.log(`  bytes read by the check   ${(info.bytesRead / 1024).toFixed(1).padStart(8)} KB   ×${(info.bytesRead / MB).toFixed(3)} the 1 MB goal, ${((info.bytesRead / bytes) * 100).toFixed(3)} % of the file`);
  console.log(`  time of the check         ${checkMs.toFixed(1).padStart(8)} ms   ×${(checkMs / referenceMs).toFixed(1)} reading the file's first 1 MB (${referenceMs.toFixed(1)} ms), median of ${runs}`);
}
rmSync(scratch, { recursive: true, force: true });
