// The parts of mediabunny this tool uses, and the only module that takes them by value. Bundled on its own
// (dist/media.js), it keeps just these: about 410 KB minified, where the whole library is 690 KB.
export {
  ADTS,
  ALL_FORMATS,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  EncodedVideoPacketSource,
  FilePathTarget,
  FLAC,
  Input,
  MATROSKA,
  MovOutputFormat,
  MP3,
  MP4,
  Mp4OutputFormat,
  MPEG_TS,
  OGG,
  Output,
  QTFF,
  StreamSource,
  WAVE,
  WEBM,
} from 'mediabunny';
