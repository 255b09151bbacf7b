package clinic.outcomes.analysis;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The complete course rows the models read ({@link CourseScans}), partition by partition: a Spark
 * dataset's partitions, each in a task, or rows held by the driver as one partition (the local
 * engine, small inputs, no Spark session). Either way every row may first go through {@code mapper}
 * (the factor levels, {@link ComparisonModels.Levels}).
 */
public abstract class CourseRows implements Serializable {
  private static final long serialVersionUID = 1L;

  CourseRows() {}

  /** The rows of a Spark dataset, read by name. */
  public static CourseRows of(Dataset<Row> rows) {
    return new CourseRows() {
      private static final long serialVersionUID = 1L;

      @Override
      <R> List<R> eachPartition(Function<Iterator<Row>, R> f) {
        return rows.javaRDD().mapPartitions(it -> List.of(f.call(it)).iterator()).collect();
      }
    };
  }

  /** Rows held by the driver (each carries its schema, to be read by name), as one partition. */
  public static CourseRows of(List<Row> rows) {
    return new CourseRows() {
      private static final long serialVersionUID = 1L;

      @Override
      <R> List<R> eachPartition(Function<Iterator<Row>, R> f) {
        return List.of(call(f, rows.iterator()));
      }
    };
  }

  /** {@code f(x)}; Spark's functions declare {@code Exception}, these throw none of their own. */
  private static <T, R> R call(Function<T, R> f, T x) {
    try {
      return f.call(x);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code f}'s result for every partition's rows. */
  abstract <R> List<R> eachPartition(Function<Iterator<Row>, R> f);

  /** The same rows, each first mapped by {@code mapper}. */
  CourseRows map(Function<Row, Row> mapper) {
    CourseRows outer = this;
    return new CourseRows() {
      private static final long serialVersionUID = 1L;

      @Override
      <R> List<R> eachPartition(Function<Iterator<Row>, R> f) {
        return outer.eachPartition(
            it ->
                f.call(
                    new Iterator<Row>() {
                      @Override
                      public boolean hasNext() {
                        return it.hasNext();
                      }

                      @Override
                      public Row next() {
                        return call(mapper, it.next());
                      }
                    }));
      }
    };
  }
}
