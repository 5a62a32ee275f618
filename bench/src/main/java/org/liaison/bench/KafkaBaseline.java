package org.liaison.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka through the gateway's own broker, with records of a sealed notice's size and the
 * gateway's producer settings ({@code acks=all}, idempotence, 5 ms linger): what the broker and
 * clients allow on this machine, against which the gateway's figures are a ratio. Two ways: a
 * pipelined producer with a consumer reading at once (the broker's limit), and {@code clients}
 * threads each waiting for its record's acknowledgement before the next (the gateway's pattern: a
 * request answered 202 only once Kafka took its copy).
 */
final class KafkaBaseline {

  /**
   * @param pipelinedPerSecond records per second from the first send to the last one consumed
   * @param endToEndP50Millis producer timestamp to consumer, median (of a burst: mostly queueing)
   * @param endToEndP99Millis producer timestamp to consumer, 99th percentile
   * @param acknowledgedPerSecond records per second with each client waiting for its ack
   */
  record Result(
      double pipelinedPerSecond,
      double endToEndP50Millis,
      double endToEndP99Millis,
      double acknowledgedPerSecond,
      double ackP50Millis,
      double ackP99Millis) {}

  private KafkaBaseline() {}

  static Result run(String bootstrap, int recordBytes, int records, int clients, Duration duration)
      throws Exception {
    String topic = "bench.baseline." + recordBytes + "." + System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
    }
    byte[] value = new byte[recordBytes];
    new Random(1).nextBytes(value);
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap, recordBytes);
        KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, topic, recordBytes)) {
      consumer.subscribe(List.of(topic));
      while (consumer.assignment().isEmpty()) {
        consumer.poll(Duration.ofMillis(100));
      }
      // Warm the clients up, then measure.
      pipelined(producer, consumer, topic, value, Math.max(100, records / 5));
      double[] pipelined = pipelined(producer, consumer, topic, value, records);
      double[] acknowledged = acknowledged(producer, topic, value, clients, duration);
      return new Result(
          pipelined[0],
          pipelined[1],
          pipelined[2],
          acknowledged[0],
          acknowledged[1],
          acknowledged[2]);
    }
  }

  private static double[] pipelined(
      KafkaProducer<String, byte[]> producer,
      KafkaConsumer<String, byte[]> consumer,
      String topic,
      byte[] value,
      int records) {
    long[] latencies = new long[records];
    AtomicLong consumed = new AtomicLong();
    long start = System.nanoTime();
    Thread reader =
        new Thread(
            () -> {
              int n = 0;
              while (n < records) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                  if (n < records) {
                    latencies[n++] = System.currentTimeMillis() - r.timestamp();
                  }
                }
              }
              consumed.set(System.nanoTime());
            },
            "baseline-consumer");
    reader.start();
    for (int i = 0; i < records; i++) {
      producer.send(new ProducerRecord<>(topic, Integer.toString(i), value));
    }
    producer.flush();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Arrays.sort(latencies);
    double seconds = (consumed.get() - start) / 1e9;
    return new double[] {
      records / seconds,
      LoadGenerator.percentile(latencies, 0.5),
      LoadGenerator.percentile(latencies, 0.99)
    };
  }

  private static double[] acknowledged(
      KafkaProducer<String, byte[]> producer,
      String topic,
      byte[] value,
      int clients,
      Duration duration)
      throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    List<long[]> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      Thread t =
          new Thread(
              () -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  Future<RecordMetadata> ack =
                      producer.send(new ProducerRecord<>(topic, Long.toString(t0), value));
                  try {
                    ack.get();
                  } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  if (n == mine.length) {
                    mine = Arrays.copyOf(mine, n * 2);
                  }
                  mine[n++] = System.nanoTime() - t0;
                }
                synchronized (all) {
                  all.add(Arrays.copyOf(mine, n));
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new double[] {
      sorted.length / seconds,
      LoadGenerator.percentile(sorted, 0.5) / 1e6,
      LoadGenerator.percentile(sorted, 0.99) / 1e6
    };
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap, int recordBytes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, recordBytes * 2));
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(
      String bootstrap, String topic, int recordBytes) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1 << 20, recordBytes * 2));
    return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
