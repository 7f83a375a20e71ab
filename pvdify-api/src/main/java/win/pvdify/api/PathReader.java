package win.pvdify.api;

import io.avaje.json.JsonReader;
import io.avaje.json.PropertyNames;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The JsonReader the generated adapters read through: it passes every call on and keeps the path it is at
 * ("updates[0].count"), so a wrong value can be named; an object or a list where the JSON has something else
 * is a {@link StrictTypes.WrongValue} here, before the parser's own message.
 */
final class PathReader implements JsonReader {
    private final JsonReader in;
    private final List<Frame> frames = new ArrayList<>();

    PathReader(JsonReader in) {
        this.in = in;
    }

    /** One open object (name = the field being read) or list (index = the element being read). */
    private static final class Frame {
        final boolean list;
        String name;
        int index = -1;

        Frame(boolean list) {
            this.list = list;
        }
    }

    String path() {
        StringBuilder p = new StringBuilder();
        for (Frame f : frames) {
            if (f.list && f.index >= 0) {
                p.append('[').append(f.index).append(']');
            } else if (!f.list && f.name != null) {
                if (!p.isEmpty()) {
                    p.append('.');
                }
                p.append(f.name);
            }
        }
        return p.toString();
    }

    private void expect(Token token, String what) {
        if (in.currentToken() != token) {
            throw StrictTypes.wrong(in, what);
        }
    }

    @Override
    public void beginObject(PropertyNames names) {
        expect(Token.BEGIN_OBJECT, "an object");
        in.beginObject(names);
        frames.add(new Frame(false));
    }

    @Override
    public void beginObject() {
        expect(Token.BEGIN_OBJECT, "an object");
        in.beginObject();
        frames.add(new Frame(false));
    }

    @Override
    public String nextField() {
        String name = in.nextField();
        frames.getLast().name = name;
        return name;
    }

    @Override
    public void endObject() {
        in.endObject();
        frames.removeLast();
    }

    @Override
    public void beginArray() {
        expect(Token.BEGIN_ARRAY, "a list");
        in.beginArray();
        frames.add(new Frame(true));
    }

    @Override
    public boolean hasNextElement() {
        boolean next = in.hasNextElement();
        if (next) {
            frames.getLast().index++;
        }
        return next;
    }

    @Override
    public void endArray() {
        in.endArray();
        frames.removeLast();
    }

    @Override
    public boolean isNullValue() {
        in.currentToken(); // positions the parser on the first value of a document
        return in.isNullValue();
    }

    @Override
    public boolean hasNextField() {
        return in.hasNextField();
    }

    @Override
    public boolean readBoolean() {
        return in.readBoolean();
    }

    @Override
    public int readInt() {
        return in.readInt();
    }

    @Override
    public long readLong() {
        return in.readLong();
    }

    @Override
    public double readDouble() {
        return in.readDouble();
    }

    @Override
    public BigDecimal readDecimal() {
        return in.readDecimal();
    }

    @Override
    public BigInteger readBigInteger() {
        return in.readBigInteger();
    }

    @Override
    public String readString() {
        return in.readString();
    }

    @Override
    public byte[] readBinary() {
        return in.readBinary();
    }

    @Override
    public String readRaw() {
        return in.readRaw();
    }

    @Override
    public String location() {
        return in.location();
    }

    @Override
    public Token currentToken() {
        return in.currentToken();
    }

    @Override
    public void skipValue() {
        in.skipValue();
    }

    @Override
    public void unmappedField(String fieldName) {
        in.unmappedField(fieldName);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return in.unwrap(type);
    }

    @Override
    public void close() {
        in.close();
    }
}
