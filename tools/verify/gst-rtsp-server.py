#!/usr/bin/python3
"""A small live RTSP server built on GStreamer's gst-rtsp-server (Debian: gir1.2-gst-rtsp-server-1.0).

Each mount point plays a recorded H.264 clip (raw Annex B, as tools/camera-sim makes them) in a loop,
forever, like a live camera: the access units are cut once by GStreamer's h264parse and then fed to
a live appsrc with timestamps that keep increasing across loops (frame n has PTS = DTS = start + n/fps).
Media is shared per mount (all clients of a mount see one pipeline), over RTSP/TCP interleaved or
RTP/UDP, whichever the client asks for.

    /usr/bin/python3 tools/verify/gst-rtsp-server.py --port 8554 \\
        --mount cam1=tmp/clips/faces-v2.h264 --mount empty=tmp/clips/empty-v2.h264

prints "READY rtsp://127.0.0.1:8554" on stdout once it listens; logs go to stderr.
Exit codes: 0 on SIGINT/SIGTERM, 2 for bad arguments or a busy port, 3 when GStreamer or
gst-rtsp-server cannot be loaded (the message names the Debian packages).
"""

import argparse
import signal
import sys
import time

PACKAGES = ('python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-rtsp gstreamer1.0-plugins-base '
            'gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-tools')

try:
    import gi
    gi.require_version('Gst', '1.0')
    gi.require_version('GstApp', '1.0')
    gi.require_version('GstRtsp', '1.0')
    gi.require_version('GstRtspServer', '1.0')
    from gi.repository import GLib, Gst, GstApp, GstRtsp, GstRtspServer  # noqa: F401 (GstApp: appsrc/appsink methods)
except (ImportError, ValueError) as error:
    sys.stderr.write(f'GStreamer RTSP server unavailable ({error}); install the Debian packages: '
                     f'apt-get install -y {PACKAGES}\n')
    sys.exit(3)


def log(message):
    sys.stderr.write(f'[gst-rtsp-server {time.strftime("%H:%M:%S")}] {message}\n')
    sys.stderr.flush()


class Clip:
    """A recorded H.264 clip cut into access units by h264parse (byte-stream, one AU per buffer)."""

    def __init__(self, path, fps):
        self.path = path
        self.fps = fps
        self.units = []  # (bytes, keyframe)
        self.width = self.height = 0
        pipeline = Gst.Pipeline.new('load')
        src = Gst.ElementFactory.make('filesrc')
        parse = Gst.ElementFactory.make('h264parse')
        caps = Gst.ElementFactory.make('capsfilter')
        sink = Gst.ElementFactory.make('appsink')
        if not all((src, parse, caps, sink)):
            raise RuntimeError('filesrc, h264parse or appsink missing (gstreamer1.0-plugins-base/-good/-bad)')
        src.set_property('location', path)
        caps.set_property('caps', Gst.Caps.from_string('video/x-h264,stream-format=byte-stream,alignment=au'))
        sink.set_property('sync', False)
        for element in (src, parse, caps, sink):
            pipeline.add(element)
        src.link(parse)
        parse.link(caps)
        caps.link(sink)
        pipeline.set_state(Gst.State.PLAYING)
        try:
            while True:
                sample = sink.try_pull_sample(10 * Gst.SECOND)
                if sample is None:
                    break
                if not self.width:
                    structure = sample.get_caps().get_structure(0)
                    self.width = structure.get_value('width') or 0
                    self.height = structure.get_value('height') or 0
                buffer = sample.get_buffer()
                keyframe = not buffer.has_flags(Gst.BufferFlags.DELTA_UNIT)
                self.units.append((buffer.extract_dup(0, buffer.get_size()), keyframe))
            message = pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
            if message is not None:
                raise RuntimeError(f'{path}: {message.parse_error()[0].message}')
        finally:
            pipeline.set_state(Gst.State.NULL)
        if not self.units:
            raise RuntimeError(f'{path}: no H.264 access units found')
        if not self.units[0][1]:
            raise RuntimeError(f'{path}: the clip does not start with a keyframe, it cannot loop')

    def caps(self):
        return (f'video/x-h264,stream-format=byte-stream,alignment=au,'
                f'width={self.width},height={self.height},framerate={self.fps}/1')


class LiveFeeder:
    """Feeds one shared media's appsrc: the clip's units in a loop, timestamps on the pipeline's running time.

    appsrc keeps up to 30 frames (2 s) queued ahead; the RTSP sinks send each at its time, so a busy
    Python thread does not make the stream stutter.
    """

    def __init__(self, clip, appsrc, mount):
        self.clip = clip
        self.appsrc = appsrc
        self.mount = mount
        self.index = 0
        self.start = None
        self.duration = Gst.SECOND // clip.fps
        appsrc.connect('need-data', self.need_data)

    def running_time(self):
        clock = self.appsrc.get_clock()
        if clock is None:
            return 0
        return max(0, clock.get_time() - self.appsrc.get_base_time())

    def need_data(self, appsrc, _length):
        if self.start is None:
            # Like a camera switched on now: the first frame is stamped with the current running time.
            self.start = self.running_time()
            log(f'{self.mount}: streaming starts')
        data, keyframe = self.clip.units[self.index % len(self.clip.units)]
        buffer = Gst.Buffer.new_wrapped(data)
        # Integer arithmetic from the start: no rounding drift however long it runs.
        buffer.pts = buffer.dts = self.start + self.index * Gst.SECOND // self.clip.fps
        buffer.duration = self.duration
        if not keyframe:
            buffer.set_flags(Gst.BufferFlags.DELTA_UNIT)
        if self.index % len(self.clip.units) == 0 and self.index > 0:
            log(f'{self.mount}: loop {self.index // len(self.clip.units)}')
        self.index += 1
        appsrc.emit('push-buffer', buffer)


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, mount, clip, protocols, config_interval):
        super().__init__()
        self.mount = mount
        self.clip = clip
        self.feeders = {}
        self.set_shared(True)
        self.set_protocols(protocols)
        self.set_launch(
            f'( appsrc name=src is-live=true format=time do-timestamp=false block=false max-buffers=30 '
            f'caps="{clip.caps()}" ! h264parse ! rtph264pay name=pay0 pt=96 config-interval={config_interval} )')
        self.connect('media-configure', self.on_media_configure)

    def on_media_configure(self, _factory, media):
        appsrc = media.get_element().get_child_by_name('src')
        self.feeders[media] = LiveFeeder(self.clip, appsrc, self.mount)
        media.connect('unprepared', self.on_unprepared)
        log(f'{self.mount}: media created')

    def on_unprepared(self, media):
        self.feeders.pop(media, None)
        log(f'{self.mount}: media released')


def parse_args(argv):
    parser = argparse.ArgumentParser(description='Looping H.264 clips as live RTSP cameras (gst-rtsp-server).')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=8554)
    parser.add_argument('--fps', type=int, default=15, help='frame rate of the clips (default 15)')
    parser.add_argument('--mount', action='append', default=[], metavar='NAME=CLIP.h264',
                        help='a mount point and the raw H.264 clip it loops (repeatable)')
    parser.add_argument('--config-interval', type=int, default=-1,
                        help="rtph264pay's config-interval: -1 (default) sends SPS/PPS with every IDR, as many "
                             'GStreamer-based encoders are set up; 0 only in the SDP and wherever the clip has them; '
                             'n: every n seconds')
    parser.add_argument('--protocols', default='tcp,udp', help='RTSP lower transports offered: tcp, udp or tcp,udp')
    args = parser.parse_args(argv)
    if not args.mount:
        parser.error('at least one --mount NAME=CLIP is needed')
    mounts = []
    for spec in args.mount:
        name, sep, path = spec.partition('=')
        if not sep or not name.strip('/') or not path:
            parser.error(f'--mount wants NAME=CLIP, got {spec!r}')
        mounts.append(('/' + name.strip('/'), path))
    protocols = GstRtsp.RTSPLowerTrans(0)
    for name in args.protocols.split(','):
        if name == 'tcp':
            protocols |= GstRtsp.RTSPLowerTrans.TCP
        elif name == 'udp':
            protocols |= GstRtsp.RTSPLowerTrans.UDP
        else:
            parser.error(f'unknown protocol {name!r}')
    return args, mounts, protocols


def main(argv):
    Gst.init(None)
    args, mounts, protocols = parse_args(argv)
    clips = {}
    server = GstRtspServer.RTSPServer()
    server.set_address(args.host)
    server.set_service(str(args.port))
    points = server.get_mount_points()
    for mount, path in mounts:
        if path not in clips:
            try:
                clips[path] = Clip(path, args.fps)
            except RuntimeError as error:
                log(str(error))
                return 2
            clip = clips[path]
            log(f'{path}: {len(clip.units)} access units, {clip.width}x{clip.height} at {args.fps} fps, '
                f'{len(clip.units) / args.fps:.1f} s per loop')
        points.add_factory(mount, LoopingFactory(mount, clips[path], protocols, args.config_interval))
    server.connect('client-connected', lambda _server, client: log(
        f'client connected from {client.get_connection().get_ip()}'))
    try:
        if server.attach(None) == 0:
            log(f'cannot listen on {args.host}:{args.port}')
            return 2
    except GLib.Error as error:
        log(f'cannot listen on {args.host}:{args.port}: {error.message}')
        return 2
    loop = GLib.MainLoop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, lambda *_: loop.quit() or GLib.SOURCE_REMOVE)
    print(f'READY rtsp://{args.host}:{server.get_bound_port()}', flush=True)
    for mount, path in mounts:
        log(f'rtsp://{args.host}:{server.get_bound_port()}{mount} <- {path}')
    loop.run()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
