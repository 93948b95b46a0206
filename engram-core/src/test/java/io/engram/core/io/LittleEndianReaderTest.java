package io.engram.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.engram.core.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LittleEndianReaderTest {

    static LongStream seeds() {
        return LongStream.range(0, 50).map(i -> 0xB17E_0000L + i * 104729L);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writerAndReaderRoundTripEveryType(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LittleEndianWriter out = new LittleEndianWriter(rnd.nextInt(0, 8)); // forces growth
        byte b = (byte) rnd.nextInt();
        short s = (short) rnd.nextInt();
        int i = rnd.nextInt();
        long u32 = rnd.nextLong(0, 1L << 32);
        long l = rnd.nextLong();
        float f = Float.intBitsToFloat(rnd.nextInt()); // any bits, NaN payloads included
        double d = Double.longBitsToDouble(rnd.nextLong());
        float[] floats = new float[rnd.nextInt(0, 100)];
        for (int k = 0; k < floats.length; k++) {
            floats[k] = Float.intBitsToFloat(rnd.nextInt());
        }
        long[] longs = rnd.longs(rnd.nextInt(0, 50)).toArray();
        int[] ints = rnd.ints(rnd.nextInt(0, 50)).toArray();
        byte[] bytes = new byte[rnd.nextInt(0, 64)];
        rnd.nextBytes(bytes);
        String text = "héllo ✓ " + seed;

        out.writeByte(b).writeShort(s).writeInt(i).writeUnsignedInt(u32).writeLong(l).writeFloat(f)
                .writeDouble(d).writeInt(floats.length).writeFloats(floats).writeLongs(longs)
                .writeInts(ints).writeBytes(bytes).writeUtf8(text);

        LittleEndianReader in = LittleEndianReader.of(out.toByteArray());
        String why = "seed " + seed;
        assertThat(in.readByte()).as(why).isEqualTo(b);
        assertThat(in.readShort()).as(why).isEqualTo(s);
        assertThat(in.readInt()).as(why).isEqualTo(i);
        assertThat(in.readUnsignedInt()).as(why).isEqualTo(u32);
        assertThat(in.readLong()).as(why).isEqualTo(l);
        assertThat(Float.floatToRawIntBits(in.readFloat())).as(why).isEqualTo(Float.floatToRawIntBits(f));
        assertThat(Double.doubleToRawLongBits(in.readDouble())).as(why)
                .isEqualTo(Double.doubleToRawLongBits(d));
        int n = in.readCount("floats", Float.BYTES, 1000);
        float[] readBack = in.readFloats(n);
        for (int k = 0; k < n; k++) {
            assertThat(Float.floatToRawIntBits(readBack[k])).as(why).isEqualTo(Float.floatToRawIntBits(floats[k]));
        }
        assertThat(in.readLongs(longs.length)).as(why).isEqualTo(longs);
        assertThat(in.readInts(ints.length)).as(why).isEqualTo(ints);
        assertThat(in.readBytes(bytes.length)).as(why).isEqualTo(bytes);
        assertThat(in.readUtf8("text", 1000)).as(why).isEqualTo(text);
        in.expectEnd("record");
    }

    @Test
    void bytesAreLittleEndianOnTheWire() {
        byte[] bytes = new LittleEndianWriter().writeInt(0x0403_0201).writeLong(0x0807_0605_0403_0201L)
                .toByteArray();
        assertThat(bytes).containsExactly(1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8);
        // The source buffer's own order must not matter.
        ByteBuffer bigEndian = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        assertThat(LittleEndianReader.of(bigEndian).readInt()).isEqualTo(0x0403_0201);
        assertThat(bigEndian.position()).isZero();
    }

    @Test
    void countAboveCapIsRejectedBeforeAllocating() {
        byte[] file = new LittleEndianWriter().writeInt(100_000_000).writeInt(0).writeInt(0).toByteArray();
        assertThatThrownBy(() -> LittleEndianReader.of(file).readCount("vector count", 4, 1_000_000))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("vector count 100000000 exceeds cap 1000000");
    }

    @Test
    void tinyBufferDeclaringHugeCountIsRejectedBeforeAllocating() {
        // 100M floats would be 400 MB; the file has 12 bytes after the count. The cap is generous,
        // so only the remaining-bytes check stands between the count and the allocation.
        byte[] file = new LittleEndianWriter().writeInt(100_000_000).writeLong(0).writeInt(0).toByteArray();
        LittleEndianReader in = LittleEndianReader.of(file);
        assertThatThrownBy(() -> in.readCount("vectors", Float.BYTES, Integer.MAX_VALUE))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: vectors 100000000 needs 400000000 bytes (4 each), 12 remain");
        LittleEndianReader again = LittleEndianReader.of(file);
        again.skip("count", 4);
        assertThatThrownBy(() -> again.readFloatArray("vectors", 100_000_000L))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: vectors needs 400000000 bytes, 12 remain");
        assertThat(again.position()).as("a failed read consumes nothing").isEqualTo(4);
    }

    @Test
    void u64CountsBeyondLongMaxAreReportedUnsigned() {
        byte[] file = new LittleEndianWriter().writeLong(-1L).toByteArray();
        assertThatThrownBy(() -> LittleEndianReader.of(file).readLongCount("edge count", 8, 1L << 40))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("edge count 18446744073709551615 exceeds cap 1099511627776");
    }

    @Test
    void overflowingByteSizeIsCorruptionNotArithmeticException() {
        byte[] file = new LittleEndianWriter().writeLong(1L << 62).toByteArray();
        assertThatThrownBy(() -> LittleEndianReader.of(file).readLongCount("cells", 1024, Long.MAX_VALUE))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("cells: 4611686018427387904 elements of 1024 bytes overflow a 64-bit size")
                .hasCauseInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> LittleEndianReader.of(file).readSlice("rows", Long.MAX_VALUE / 2, 8))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("overflow");
    }

    @Test
    void arrayCountsBeyondJavaArrayLimitAreRejected() {
        LittleEndianReader in = LittleEndianReader.of(new byte[16]);
        assertThatThrownBy(() -> in.readLongArray("ids", 1L << 33))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("ids count 8589934592 exceeds array limit 2147483639");
        assertThatThrownBy(() -> in.readByteArray("blob", -1))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("blob: negative count -1");
    }

    @Test
    void truncatedScalarsNameTheTypeAndWhatRemains() {
        LittleEndianReader in = LittleEndianReader.of(new byte[6]);
        in.readShort();
        assertThatThrownBy(in::readLong)
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("truncated: long needs 8 bytes, 4 remain");
        assertThat(in.readInt()).isZero();
        assertThatThrownBy(in::readByte).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void positionAndTrailingBytesAreChecked() {
        LittleEndianReader in = LittleEndianReader.of(new byte[10]);
        assertThatThrownBy(() -> in.position(11))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("offset 11 outside file of 10 bytes");
        in.position(6);
        assertThatThrownBy(() -> in.expectEnd("index"))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("index: 4 unexpected trailing bytes at offset 6");
    }

    @Test
    void invalidUtf8IsCorruption() {
        byte[] file = new LittleEndianWriter().writeInt(2).writeByte(0xC3).writeByte(0x28).toByteArray();
        assertThatThrownBy(() -> LittleEndianReader.of(file).readUtf8("name", 100))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("name: invalid UTF-8 in 2 bytes");
        byte[] tooLong = new LittleEndianWriter().writeUtf8("abcdef").toByteArray();
        assertThatThrownBy(() -> LittleEndianReader.of(tooLong).readUtf8("name", 4))
                .isInstanceOf(CorruptFileException.class)
                .hasMessage("name length 6 exceeds cap 4");
    }

    @Test
    void slicesAndBulkReadsIntoExistingArraysDoNotCopyOrAllocate() {
        LittleEndianWriter out = new LittleEndianWriter().writeFloats(new float[] {1f, 2f, 3f, 4f});
        LittleEndianReader in = LittleEndianReader.of(out.asSegment());
        MemorySegment slice = in.readSlice("first two", 2, Float.BYTES);
        assertThat(slice.byteSize()).isEqualTo(8);
        assertThat(slice.get(LittleEndianReader.FLOAT, 4)).isEqualTo(2f);
        float[] dst = new float[5];
        in.readFloats("rest", dst, 3, 2);
        assertThat(dst).containsExactly(0f, 0f, 0f, 3f, 4f);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void writerPatchesAndViews() {
        LittleEndianWriter out = new LittleEndianWriter(0);
        out.writeInt(0).writeLong(0).writeByte(7);
        out.putInt(0, 42).putLong(4, -5L);
        LittleEndianReader in = LittleEndianReader.of(out.asByteBuffer());
        assertThat(in.readInt()).isEqualTo(42);
        assertThat(in.readLong()).isEqualTo(-5L);
        assertThat(in.readByte()).isEqualTo((byte) 7);
        assertThat(out.size()).isEqualTo(13);
        assertThatThrownBy(() -> out.putInt(10, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(out.reset().size()).isZero();
    }
}
