package dev.svcinfra.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * The opaque {@code next_cursor} of keyset pagination: the sort order it was made for and the
 * sort values of the last document returned, as BSON (so dates, ObjectIds and decimals keep their
 * types), in URL-safe base64. A cursor made for another order is refused rather than silently
 * giving a wrong page.
 */
final class KeysetCursor {
  static final String PARAMETER = "cursor";
  private static final DocumentCodec CODEC =
      new DocumentCodec(MongoClientSettings.getDefaultCodecRegistry());

  private KeysetCursor() {}

  /** The cursor pointing just after {@code last} in {@code order}. */
  static String encode(SortOrder order, Document last) {
    List<Object> values = new ArrayList<>();
    for (SortOrder.Key key : order.keys()) {
      values.add(last.get(key.field()));
    }
    Document cursor = new Document("o", order.render()).append("v", values);
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      CODEC.encode(writer, cursor, EncoderContext.builder().build());
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.toByteArray());
  }

  /**
   * The filter for documents after the cursor's position.
   *
   * @throws MongoValidationException when the cursor is malformed or made for another order
   */
  static Bson after(String cursor, SortOrder order) {
    List<Object> values = decode(cursor, order);
    List<Bson> branches = new ArrayList<>();
    for (int i = 0; i < order.keys().size(); i++) {
      List<Bson> branch = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        branch.add(Filters.eq(order.keys().get(j).field(), values.get(j)));
      }
      SortOrder.Key key = order.keys().get(i);
      branch.add(key.ascending() ? Filters.gt(key.field(), values.get(i))
          : Filters.lt(key.field(), values.get(i)));
      branches.add(branch.size() == 1 ? branch.get(0) : Filters.and(branch));
    }
    return branches.size() == 1 ? branches.get(0) : Filters.or(branches);
  }

  private static List<Object> decode(String cursor, SortOrder order) {
    Document decoded;
    try {
      decoded = new RawBsonDocument(Base64.getUrlDecoder().decode(cursor.strip())).decode(CODEC);
    } catch (RuntimeException e) {
      throw new MongoValidationException(PARAMETER, "the cursor is not one this service issued");
    }
    Object madeFor = decoded.get("o");
    if (!order.render().equals(madeFor)) {
      throw new MongoValidationException(PARAMETER, "the cursor was issued for order '" + madeFor
          + "', not '" + order.render() + "'; start again without a cursor");
    }
    List<?> values = decoded.get("v", List.class);
    if (values == null || values.size() != order.keys().size()) {
      throw new MongoValidationException(PARAMETER, "the cursor is not one this service issued");
    }
    return new ArrayList<>(values);
  }
}
