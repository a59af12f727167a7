package com.marketplaceconnect.sync;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Creates the sync-requests topic with sync.requests.partitions partitions when it does not exist. The partition
 * count is the cluster's ceiling on accounts synced at once (one partition is worked by one consumer), so it must not
 * be left to a broker default of 1. Runs after every bean exists (the local embedded broker sets
 * kafka.bootstrap-servers) and before the routes start. An existing topic is left as it is; an unreachable broker is
 * logged, not fatal: the consumer keeps retrying, as it does for the shipment topics.
 */
@Component
public class SyncRequestTopic implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(SyncRequestTopic.class);

    private final Environment environment;

    public SyncRequestTopic(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String topic = environment.getRequiredProperty("sync.requests.topic");
        int partitions = environment.getRequiredProperty("sync.requests.partitions", Integer.class);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("kafka.bootstrap-servers"),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get(20, TimeUnit.SECONDS);
                log.info("Created topic {} with {} partitions", topic, partitions);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                TopicDescription existing = admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
                if (existing.partitions().size() < partitions) {
                    log.warn("Topic {} has {} partitions, fewer than sync.requests.partitions={}: at most {} accounts are synced at once "
                            + "across the cluster; add partitions with kafka-topics --alter", topic, existing.partitions().size(), partitions,
                            existing.partitions().size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not check topic {} ({}): create it with {} partitions if the broker does not", topic, e.getMessage(), partitions);
        }
    }
}
