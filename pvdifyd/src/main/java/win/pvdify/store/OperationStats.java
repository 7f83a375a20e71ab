package win.pvdify.store;

import static win.pvdify.store.schema.Tables.OPERATIONS;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Operations counted for /metrics, straight from the operations table (so the numbers survive restarts and
 * agree with `pvdify operations`): per kind and state, how many, and for those that ran to an end their
 * durations as cumulative histogram buckets.
 */
public final class OperationStats {
    private final Database db;

    public OperationStats(Database db) {
        this.db = db;
    }

    /**
     * One kind and state: count; of those with a start and an end, timed, their summed seconds and, per upper
     * bound (seconds, ascending), how many took at most that long.
     */
    public record Row(String kind, String state, long count, long timed, double seconds, long[] cumulative) {
    }

    public List<Row> byKindAndState(double[] bounds) {
        Field<Long> ms = OPERATIONS.ENDED_AT.minus(OPERATIONS.STARTED_AT);
        Field<Integer> timed = DSL.when(OPERATIONS.STARTED_AT.isNotNull().and(OPERATIONS.ENDED_AT.isNotNull()), 1)
                .otherwise(0);
        List<Field<?>> fields = new ArrayList<>(List.of(OPERATIONS.KIND, OPERATIONS.STATE, DSL.count(),
                DSL.sum(timed), DSL.sum(DSL.when(timed.eq(1), ms).otherwise(0L))));
        for (double b : bounds) {
            fields.add(DSL.sum(DSL.when(timed.eq(1).and(ms.le((long) (b * 1000))), 1).otherwise(0)));
        }
        return db.read(ctx -> ctx.select(fields).from(OPERATIONS)
                .groupBy(OPERATIONS.KIND, OPERATIONS.STATE)
                .orderBy(OPERATIONS.KIND, OPERATIONS.STATE)
                .fetch(r -> row(r, bounds.length)));
    }

    private static Row row(Record r, int buckets) {
        long[] cumulative = new long[buckets];
        for (int i = 0; i < buckets; i++) {
            cumulative[i] = number(r.get(5 + i));
        }
        return new Row(r.get(0, String.class), r.get(1, String.class), number(r.get(2)), number(r.get(3)),
                number(r.get(4)) / 1000.0, cumulative);
    }

    private static long number(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }
}
