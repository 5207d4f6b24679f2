import * as assert from 'assert';
import { StreamDemuxer } from '../../src/sandbox/streamDemux';

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('StreamDemuxer', () => {
  it('splits frames into stdout and stderr even when chunks cut through headers', () => {
    const seen: string[] = [];
    const demuxer = new StreamDemuxer((stream, payload) => seen.push(`${stream}:${payload.toString()}`));
    const all = Buffer.concat([frame(1, 'out one'), frame(2, 'err'), frame(1, ''), frame(1, 'out two')]);
    demuxer.push(all.subarray(0, 3));
    demuxer.push(all.subarray(3, 12));
    demuxer.push(all.subarray(12, 20));
    demuxer.push(all.subarray(20));
    assert.deepStrictEqual(seen, ['stdout:out one', 'stderr:err', 'stdout:', 'stdout:out two']);
  });

  it('ignores frames of other stream types (stdin echo)', () => {
    const seen: string[] = [];
    const demuxer = new StreamDemuxer((stream, payload) => seen.push(`${stream}:${payload.toString()}`));
    demuxer.push(Buffer.concat([frame(0, 'echo'), frame(2, 'x')]));
    assert.deepStrictEqual(seen, ['stderr:x']);
  });
});
