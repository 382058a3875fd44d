import { writeVerdict } from '../../core/output/verdict';
import type { Verdict } from '../../core/output/take';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';
import { requireVideo, takeOfVideo } from '../takeFile';
import type { OfflineContext } from './estimate';

/** `keep <video>` / `reject <video>`: the verdict written into the video's take, every other field kept as it was. */
function verdictCommand(verdict: Verdict, command: string) {
  return async (context: OfflineContext): Promise<number> => {
    const video = requireVideo(context, command);
    const read = await takeOfVideo(video, context.zh);
    if ('problem' in read) {
      context.say(read.problem);
      return EXIT.invalidInput;
    }
    await writeVerdict(read.found.sidecarPath, verdict);
    context.say(cliText(verdict === 'kept' ? 'verdictKept' : 'verdictRejected', context.zh, read.found.videoPath));
    return EXIT.saved;
  };
}

export const keep = verdictCommand('kept', 'keep');
export const reject = verdictCommand('rejected', 'reject');
