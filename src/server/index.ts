// server/: the transports (UDP, TCP with framing, pipelining, timeouts and caps); DNS work is process/'s.
export { DnsServer, type DnsServerInit, type ListenSpec, type BoundAddress, type Transports } from './dns-server.js';
export { TcpListener } from './tcp-listener.js';
export { TcpConnections, WAIT_MAX, type TcpLimits } from './tcp-connections.js';
export { UdpListener, type UdpForward } from './udp-listener.js';
export { TcpFramer, frame } from './tcp-framer.js';
export { ServerError } from './errors.js';
export { NetRequester, type Destination } from './requester.js';
export { SystemClock } from './clock.js';
