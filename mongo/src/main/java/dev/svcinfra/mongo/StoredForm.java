package dev.svcinfra.mongo;

import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.io.BasicOutputBuffer;

/**
 * A written document in the form a read returns it. The driver encodes Java values into BSON types
 * (an {@code Instant} or {@code LocalDate} into a date, a {@code BigDecimal} into a Decimal128, a
 * {@code Set} into an array, any map into a document) and reads decode those into their own Java
 * types ({@code Date}, {@code Decimal128}, {@code List}, {@code Document}); handing back the values
 * as given would make a create disagree with the next get.
 *
 * <p>Encoding with the collection's codecs, as insert does, and decoding those bytes with the same
 * codecs, as find does, gives the stored form without asking the server again. It goes through
 * bytes, not a {@code BsonDocument} tree, because the encoding itself changes values: a string that
 * is not valid UTF-16 (a lone surrogate) is not stored as the Java string held.
 */
final class StoredForm {
  /** As insert writes a document: {@code _id} first. */
  private static final EncoderContext AS_INSERTED =
      EncoderContext.builder().isEncodingCollectibleDocument(true).build();

  private static final DecoderContext AS_READ = DecoderContext.builder().build();

  private final Codec<Document> codec;

  StoredForm(CodecRegistry codecs) {
    this.codec = codecs.get(Document.class);
  }

  /** {@code written} as a read of it decodes it; {@code written} itself is left as it was. */
  Document of(Document written) {
    BasicOutputBuffer bytes = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(bytes)) {
      codec.encode(writer, written, AS_INSERTED);
    }
    ByteBuffer encoded = ByteBuffer.wrap(bytes.getInternalBuffer(), 0, bytes.getSize());
    try (BsonBinaryReader reader = new BsonBinaryReader(encoded)) {
      return codec.decode(reader, AS_READ);
    }
  }
}
