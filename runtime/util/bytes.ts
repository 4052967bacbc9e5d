// Bytes as a Buffer, for Buffer's readers and slices, without copying them.

/** `bytes` itself when it is a Buffer, else a Buffer over the same memory. */
export function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
