import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain } from '../scripts/main';

/** Course topics a post may be filed under. */
export const CATEGORIES = [
	'Hệ thống phân tán',
	'Tiến trình và luồng',
	'Đồng bộ hóa',
	'RPC',
	'Định danh',
	'Docker',
	'Kafka',
	'Giao tiếp',
	'Nhất quán và sao chép',
	'Chịu lỗi',
	'Bảo mật',
	'Kiến trúc hệ thống',
	'Đồng hồ logic',
	'Kubernetes',
	'Lập trình mạng'
];

/** Fence languages the generator writes; the floor preloads exactly these. */
export const LANGUAGES = ['python', 'go', 'java', 'javascript', 'bash', 'json', 'yaml', 'sql', 'c'] as const;

type Rng = () => number;

// mulberry32: tiny, fast and identical on every platform, so a seed names one corpus forever.
function mulberry32(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Each post gets its own stream, so post 7 is the same whether 10 or 10 000 posts are generated.
function postRng(seed: number, index: number): Rng {
	let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
	h ^= h >>> 16;
	return mulberry32(h);
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number) => r() < p;
// Skips leading emphasis markers so `**thông lượng** …` still starts a sentence with a capital.
const cap = (s: string) =>
	s.replace(/^([*_]*)(.)/u, (_, marks: string, ch: string) => marks + ch.toLocaleUpperCase('vi'));

function sample<T>(r: Rng, xs: readonly T[], n: number): T[] {
	const pool = [...xs];
	const out: T[] = [];
	while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
	return out;
}

const NOUNS = [
	'tiến trình',
	'luồng',
	'máy chủ',
	'máy khách',
	'nút mạng',
	'bản sao',
	'thông điệp',
	'giao thức',
	'đồng hồ logic',
	'khóa phân tán',
	'độ trễ',
	'thông lượng',
	'hàng đợi',
	'bộ nhớ dùng chung',
	'tài nguyên',
	'giao dịch',
	'sự cố',
	'đường truyền',
	'cụm máy',
	'bộ điều phối',
	'lời gọi thủ tục từ xa',
	'không gian tên',
	'định danh',
	'địa chỉ',
	'vùng chứa',
	'ảnh đóng gói',
	'chủ đề',
	'phân vùng',
	'nhóm tiêu thụ',
	'bên gửi',
	'bên nhận',
	'bộ đệm',
	'bộ lập lịch',
	'ngữ cảnh',
	'hệ điều hành',
	'nhân hệ điều hành',
	'tín hiệu ngắt',
	'đèn hiệu',
	'đoạn găng',
	'bế tắc',
	'điều kiện tranh chấp',
	'thuật toán bầu chọn',
	'đồng hồ vector',
	'dấu thời gian',
	'bản ghi',
	'nhật ký',
	'trạng thái',
	'yêu cầu',
	'phản hồi',
	'dịch vụ tên miền',
	'bảng băm phân tán',
	'bộ cân bằng tải',
	'mô hình nhất quán',
	'điểm kiểm tra',
	'phiên làm việc',
	'kết nối',
	'gói tin',
	'ổ cứng',
	'bộ nhớ đệm',
	'người dùng',
	'lập trình viên',
	'kiến trúc',
	'tầng trung gian',
	'cơ sở dữ liệu',
	'mạng ngang hàng'
];

const VERBS = [
	'gửi',
	'nhận',
	'xử lý',
	'đồng bộ',
	'sao chép',
	'phân phối',
	'lưu trữ',
	'truy cập',
	'khởi tạo',
	'chặn',
	'đánh thức',
	'chờ',
	'cập nhật',
	'kiểm tra',
	'phát hiện',
	'khôi phục',
	'định tuyến',
	'ánh xạ',
	'mã hóa',
	'giải mã',
	'tuần tự hóa',
	'triển khai',
	'mở rộng',
	'giám sát',
	'ghi lại',
	'đọc',
	'giải phóng',
	'chiếm giữ',
	'phân giải',
	'xác thực',
	'lập lịch',
	'chia sẻ',
	'điều phối',
	'tạm dừng',
	'chuyển tiếp'
];

const ADJECTIVES = [
	'phân tán',
	'đồng thời',
	'bất đồng bộ',
	'tuần tự',
	'nhất quán',
	'sẵn sàng',
	'chịu lỗi',
	'hiệu quả',
	'đơn giản',
	'phức tạp',
	'tin cậy',
	'nhanh',
	'chậm',
	'an toàn',
	'độc lập',
	'trong suốt',
	'ổn định',
	'linh hoạt',
	'tập trung',
	'cục bộ',
	'toàn cục',
	'nhẹ',
	'bền vững'
];

const OPENERS = [
	'Tuy nhiên,',
	'Ngoài ra,',
	'Do đó,',
	'Trong thực tế,',
	'Nói cách khác,',
	'Vì vậy,',
	'Đầu tiên,',
	'Cuối cùng,',
	'Thông thường,',
	'Ví dụ,',
	'Mặt khác,',
	'Trong bài trước,',
	'Theo giáo trình,',
	'Về mặt lý thuyết,',
	'Khi chạy thử nghiệm,'
];

// Sentence shapes; each slot is filled from the lists above so the text reads as plausible lecture notes.
const TEMPLATES: ((w: Words) => string)[] = [
	(w) => `${w.o()} ${w.n()} ${w.v()} ${w.n()} một cách ${w.a()}.`,
	(w) => `Khi ${w.n()} ${w.v()} ${w.n()}, ${w.n()} phải ${w.v()} trước khi ${w.v()} ${w.n()}.`,
	(w) => `${cap(w.n())} được gọi là ${w.a()} nếu mọi ${w.n()} đều ${w.v()} ${w.n()} theo cùng một thứ tự.`,
	(w) => `Mục tiêu của ${w.n()} là giúp ${w.n()} trở nên ${w.a()} và ${w.a()} hơn.`,
	(w) =>
		`Sinh viên thường nhầm lẫn giữa ${w.n()} và ${w.n()}, nhưng hai khái niệm này khác nhau ở cách ${w.v()} ${w.n()}.`,
	(w) => `Trong mô hình ${w.a()}, ${w.n()} không cần ${w.v()} ${w.n()} ngay lập tức.`,
	(w) => `Chúng ta có thể ${w.v()} ${w.n()} bằng ${w.n()} để giảm ${w.n()}.`,
	(w) => `Điều này đảm bảo rằng ${w.n()} luôn ${w.a()} ngay cả khi ${w.n()} gặp ${w.n()}.`,
	(w) => `${w.o()} nếu ${w.n()} bị ${w.v()} quá lâu thì toàn bộ ${w.n()} sẽ trở nên ${w.a()}.`,
	(w) => `Một ${w.n()} ${w.a()} cho phép nhiều ${w.n()} cùng ${w.v()} mà không làm hỏng ${w.n()}.`,
	(w) => `Hãy xem xét trường hợp ${w.n()} thứ nhất ${w.v()} ${w.n()} trong khi ${w.n()} thứ hai đang ${w.v()}.`,
	(w) => `Câu hỏi đặt ra là ai sẽ ${w.v()} ${w.n()} khi ${w.n()} không còn phản hồi.`,
	(w) => `${cap(w.n())} và ${w.n()} phối hợp với nhau để ${w.v()} ${w.n()} qua ${w.n()}.`,
	(w) => `${w.o()} chi phí để ${w.v()} ${w.n()} tăng lên đáng kể khi số lượng ${w.n()} lớn dần.`,
	(w) => `Thầy nhấn mạnh rằng ${w.n()} chỉ thực sự ${w.a()} khi ${w.n()} được ${w.v()} đúng cách.`
];

const LINKS = [
	['tài liệu gRPC', 'https://grpc.io/docs/'],
	['hướng dẫn Docker', 'https://docs.docker.com/get-started/'],
	['tài liệu Kafka', 'https://kafka.apache.org/documentation/'],
	['bài báo của Lamport', 'https://lamport.azurewebsites.net/pubs/time-clocks.pdf'],
	['giáo trình của Tanenbaum', 'https://www.distributed-systems.net/'],
	['bài viết về Raft', 'https://raft.github.io/'],
	['trang man của pthreads', 'https://man7.org/linux/man-pages/man7/pthreads.7.html'],
	['bài giảng tuần trước', '/posts/tien-trinh-va-luong/']
];

const CODE_WORDS = [
	'fork()',
	'pthread_create',
	'pthread_mutex_lock',
	'wait()',
	'kafka-topics.sh',
	'docker compose up',
	'SIGTERM',
	'epoll_wait',
	'select()',
	'sync.WaitGroup',
	'synchronized',
	'Promise.all',
	'asyncio.gather',
	'etcd',
	'/etc/hosts',
	'localhost:9092',
	'acks=all',
	'SELECT ... FOR UPDATE'
];

// Text that trips Markdown-to-Svelte pipelines when it survives into a template as prose.
const BREAKERS = [
	'tập hợp {a, b} gồm hai nút mạng ngang hàng',
	'điều kiện a < b phải luôn đúng với hai dấu thời gian liên tiếp',
	'biến môi trường ${HOME} được đọc khi tiến trình khởi động',
	'nếu a < b và b < c thì sự kiện a xảy ra trước c',
	'cặp {a, b} trong đồ thị chờ cho thấy có bế tắc',
	'đường dẫn ${HOME}/.kube/config chứa thông tin cụm máy'
];

interface Words {
	n(): string;
	v(): string;
	a(): string;
	o(): string;
}

function words(r: Rng): Words {
	return {
		n: () => decorate(r, pick(r, NOUNS)),
		v: () => pick(r, VERBS),
		a: () => pick(r, ADJECTIVES),
		o: () => pick(r, OPENERS)
	};
}

// Inline markup appears inside sentences the way students actually emphasise terms.
function decorate(r: Rng, noun: string): string {
	const x = r();
	if (x < 0.04) return `**${noun}**`;
	if (x < 0.07) return `*${noun}*`;
	return noun;
}

interface Flags {
	math: boolean;
	breakers: boolean;
}

function sentence(r: Rng, flags: Flags): string {
	const x = r();
	if (x < 0.05) return `Lệnh \`${pick(r, CODE_WORDS)}\` thường được dùng để ${pick(r, VERBS)} ${pick(r, NOUNS)}.`;
	if (x < 0.08) {
		const [text, url] = pick(r, LINKS);
		return `Chi tiết có trong [${text}](${url}), phần nói về ${pick(r, NOUNS)}.`;
	}
	if (flags.math && x < 0.1) return `Độ phức tạp của thuật toán này là $O(n \\log n)$ với $n$ là số ${pick(r, NOUNS)}.`;
	if (flags.breakers && x < 0.12) return `${cap(pick(r, OPENERS).replace(/,$/, ''))}, ${pick(r, BREAKERS)}.`;
	const s = pick(r, TEMPLATES)(words(r));
	return cap(s);
}

function paragraph(r: Rng, flags: Flags, budget: { words: number }): string {
	const n = int(r, 3, 6);
	const out: string[] = [];
	for (let i = 0; i < n; i++) out.push(sentence(r, flags));
	const text = out.join(' ');
	budget.words -= text.split(/\s+/).length;
	return text;
}

function list(r: Rng, budget: { words: number }): string {
	const ordered = chance(r, 0.4);
	const task = !ordered && chance(r, 0.15);
	const n = int(r, 3, 6);
	const items: string[] = [];
	for (let i = 0; i < n; i++) {
		const w = words(r);
		const body = chance(r, 0.5)
			? `**${cap(pick(r, NOUNS))}**: ${w.v()} ${w.n()} khi cần ${w.a()}.`
			: `${cap(w.v())} ${w.n()} trước, sau đó ${w.v()} ${w.n()}.`;
		const marker = ordered ? `${i + 1}.` : task ? `- [${chance(r, 0.5) ? 'x' : ' '}]` : '-';
		items.push(`${marker} ${body}`);
		budget.words -= body.split(/\s+/).length;
	}
	return items.join('\n');
}

function table(r: Rng): string {
	const cols = int(r, 3, 4);
	const header = [
		'Tiêu chí',
		...sample(r, ['Tiến trình', 'Luồng', 'RPC', 'REST', 'Kafka', 'RabbitMQ', 'Docker', 'Máy ảo'], cols - 1)
	];
	const align = header.map((_, i) => (i === 0 ? ':---' : pick(r, [':---:', '---', '---:'])));
	const rows = sample(
		r,
		['Chi phí tạo', 'Bộ nhớ', 'Độ trễ', 'Thông lượng', 'Khả năng chịu lỗi', 'Cô lập', 'Độ phức tạp', 'Chia sẻ dữ liệu'],
		int(r, 3, 5)
	);
	const cell = () =>
		pick(r, [
			pick(r, ['Cao', 'Thấp', 'Trung bình', 'Rất cao', 'Không đáng kể']),
			`${int(r, 1, 500)} ms`,
			`${int(r, 1, 64)} MB`,
			`\`${pick(r, CODE_WORDS)}\``,
			cap(pick(r, ADJECTIVES))
		]);
	const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(align), ...rows.map((row) => line([row, ...Array.from({ length: cols - 1 }, cell)]))].join(
		'\n'
	);
}

const NAMES = ['worker', 'server', 'client', 'broker', 'node', 'replica', 'leader', 'counter'];

// Code is shaped like the snippets in the course slides; names and numbers vary so blocks differ between posts.
const CODE: Record<(typeof LANGUAGES)[number], ((r: Rng) => string)[]> = {
	python: [
		(r) => {
			const name = pick(r, NAMES);
			return `import threading
import time

lock = threading.Lock()
counter = 0

def ${name}(n: int) -> None:
    """Tăng biến đếm dùng chung ${int(r, 100, 10000)} lần."""
    global counter
    for _ in range(n):
        with lock:  # đoạn găng
            counter += 1

threads = [threading.Thread(target=${name}, args=(${int(r, 100, 10000)},)) for _ in range(${int(r, 2, 8)})]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter}")`;
		},
		(r) => `import asyncio

async def fetch(node: str) -> dict:
    await asyncio.sleep(${(int(r, 1, 9) / 10).toFixed(1)})
    return {"node": node, "ok": True}

async def main() -> None:
    nodes = [f"node-{i}" for i in range(${int(r, 3, 12)})]
    results = await asyncio.gather(*(fetch(n) for n in nodes))
    print([r["node"] for r in results if r["ok"]])

asyncio.run(main())`
	],
	go: [
		(r) => `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for i := 0; i < ${int(r, 2, 16)}; i++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			mu.Lock()
			total += id
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	fmt.Println("tổng:", total)
}`,
		(r) => `func (s *${cap(pick(r, NAMES))}) Heartbeat(ctx context.Context, peers []string) error {
	ticker := time.NewTicker(${int(r, 50, 500)} * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			for _, p := range peers {
				if err := s.send(p, Ping{Term: s.term}); err != nil {
					log.Printf("không gửi được tới %s: %v", p, err)
				}
			}
		}
	}
}`
	],
	java: [
		(r) => `public class ${cap(pick(r, NAMES))} implements Runnable {
    private static final Object lock = new Object();
    private static int shared = 0;

    @Override
    public void run() {
        for (int i = 0; i < ${int(r, 100, 5000)}; i++) {
            synchronized (lock) {
                shared++;
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread a = new Thread(new ${cap(pick(r, NAMES))}());
        Thread b = new Thread(new ${cap(pick(r, NAMES))}());
        a.start(); b.start();
        a.join(); b.join();
        System.out.println("shared = " + shared);
    }
}`,
		(r) => `Properties props = new Properties();
props.put("bootstrap.servers", "localhost:${pick(r, [9092, 9093, 29092])}");
props.put("acks", "all");
props.put("key.serializer", StringSerializer.class.getName());
props.put("value.serializer", StringSerializer.class.getName());
try (Producer<String, String> producer = new KafkaProducer<>(props)) {
    for (int i = 0; i < ${int(r, 5, 100)}; i++) {
        producer.send(new ProducerRecord<>("${pick(r, ['orders', 'events', 'logs'])}", Integer.toString(i), "msg-" + i));
    }
}`
	],
	javascript: [
		(r) => `import { createServer } from 'node:http';

const server = createServer(async (req, res) => {
	const body = await new Promise((resolve) => {
		let data = '';
		req.on('data', (chunk) => (data += chunk));
		req.on('end', () => resolve(data));
	});
	const { method, params } = JSON.parse(body || '{}');
	res.setHeader('content-type', 'application/json');
	res.end(JSON.stringify({ result: \`\${method}(\${params?.length ?? 0})\` }));
});

server.listen(${int(r, 3000, 9000)}, () => console.log('RPC server đang chạy'));`,
		(r) => `class LamportClock {
	#time = 0;
	tick() {
		return ++this.#time;
	}
	receive(remote) {
		this.#time = Math.max(this.#time, remote) + 1;
		return this.#time;
	}
}

const clocks = Array.from({ length: ${int(r, 2, 6)} }, () => new LamportClock());
clocks[0].tick();
console.log(clocks.map((c) => c.receive(${int(r, 1, 20)})));`
	],
	bash: [
		(r) => `#!/usr/bin/env bash
set -euo pipefail

docker network create ${pick(r, ['lab-net', 'ds-net', 'kafka-net'])} || true
docker run -d --name zookeeper --network ${pick(r, ['lab-net', 'ds-net'])} zookeeper:3.9
docker run -d --name kafka -p ${pick(r, [9092, 29092])}:9092 --network lab-net \\
  -e KAFKA_ZOOKEEPER_CONNECT=zookeeper:2181 bitnami/kafka:latest
echo "Đã khởi động xong, HOME=\${HOME}"`,
		(r) => `for i in $(seq 1 ${int(r, 3, 10)}); do
  curl -s -X POST "http://localhost:${int(r, 3000, 9000)}/rpc" \\
    -H 'content-type: application/json' \\
    -d "{\\"method\\": \\"add\\", \\"params\\": [$i, $((i * 2))]}" &
done
wait
ps -eLf | grep -c worker`
	],
	json: [
		(r) => `{
  "jsonrpc": "2.0",
  "method": "${pick(r, ['getBalance', 'transfer', 'lookup', 'resolve'])}",
  "params": { "account": "${pick(r, ['alice', 'bob', 'an', 'binh'])}", "amount": ${int(r, 1, 1000)} },
  "id": ${int(r, 1, 99)}
}`,
		(r) => `{
  "cluster": "${pick(r, ['lab', 'prod', 'staging'])}",
  "replicas": ${int(r, 3, 7)},
  "quorum": { "read": ${int(r, 1, 3)}, "write": ${int(r, 2, 4)} },
  "nodes": ["10.0.0.1", "10.0.0.2", "10.0.0.3"],
  "heartbeatMs": ${int(r, 50, 500)}
}`
	],
	yaml: [
		(r) => `services:
  ${pick(r, NAMES)}:
    image: python:3.12-slim
    command: python app.py
    environment:
      - BROKER=kafka:9092
    deploy:
      replicas: ${int(r, 2, 5)}
  kafka:
    image: bitnami/kafka:latest
    ports:
      - "${pick(r, [9092, 29092])}:9092"`,
		(r) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${pick(r, NAMES)}
spec:
  replicas: ${int(r, 1, 6)}
  selector:
    matchLabels:
      app: ${pick(r, NAMES)}
  template:
    spec:
      containers:
        - name: app
          image: registry.local/app:${int(r, 1, 9)}.${int(r, 0, 20)}`
	],
	sql: [
		(r) => `BEGIN;
SELECT balance FROM accounts WHERE id = ${int(r, 1, 500)} FOR UPDATE;
UPDATE accounts SET balance = balance - ${int(r, 10, 900)} WHERE id = ${int(r, 1, 500)};
UPDATE accounts SET balance = balance + ${int(r, 10, 900)} WHERE id = ${int(r, 1, 500)};
INSERT INTO transfer_log (src, dst, amount, at) VALUES (1, 2, 100, NOW());
COMMIT;`,
		(r) => `CREATE TABLE replicas (
    node_id    INTEGER PRIMARY KEY,
    address    VARCHAR(64) NOT NULL,
    last_seen  TIMESTAMP,
    term       BIGINT DEFAULT 0
);

SELECT node_id, address
FROM replicas
WHERE last_seen > NOW() - INTERVAL '${int(r, 5, 60)} seconds'
ORDER BY term DESC;`
	],
	c: [
		(r) => `#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    for (int i = 0; i < ${int(r, 2, 6)}; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            printf("con %d: pid=%d, cha=%d\\n", i, getpid(), getppid());
            return 0;
        }
    }
    while (wait(NULL) > 0) {}
    return 0;
}`,
		(r) => `#include <pthread.h>
#include <semaphore.h>

#define N ${int(r, 4, 32)}
int buffer[N], in = 0, out = 0;
sem_t empty, full;
pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;

void *producer(void *arg) {
    for (int i = 0; i < ${int(r, 10, 100)}; i++) {
        sem_wait(&empty);
        pthread_mutex_lock(&mutex);
        buffer[in] = i; in = (in + 1) % N;
        pthread_mutex_unlock(&mutex);
        sem_post(&full);
    }
    return NULL;
}`
	]
};

const HEADINGS: ((r: Rng) => string)[] = [
	() => 'Giới thiệu',
	() => 'Khái niệm cơ bản',
	(r) => `Mô hình ${pick(r, ADJECTIVES)}`,
	() => 'Ví dụ minh họa',
	(r) => `So sánh ${pick(r, NOUNS)} và ${pick(r, NOUNS)}`,
	() => 'Ưu điểm và nhược điểm',
	(r) => `Cách ${pick(r, VERBS)} ${pick(r, NOUNS)}`,
	() => 'Bài tập thực hành',
	() => 'Câu hỏi ôn tập',
	(r) => `Vấn đề ${pick(r, NOUNS)}`,
	(r) => `Cài đặt ${pick(r, NOUNS)} trong thực tế`,
	() => 'Những lỗi thường gặp',
	() => 'Tổng kết'
];

const TITLES: ((r: Rng, topic: string) => string)[] = [
	(r, t) => `${t}: ${pick(r, NOUNS)} và ${pick(r, NOUNS)}`,
	(r) => `Tìm hiểu ${pick(r, NOUNS)} trong hệ thống ${pick(r, ADJECTIVES)}`,
	(r, t) => `Bài ${int(r, 1, 15)} – ${t}`,
	(r) => `Ghi chú: ${pick(r, VERBS)} ${pick(r, NOUNS)} như thế nào?`,
	(r, t) => `${t} qua ví dụ "${pick(r, NOUNS)}"`
];

const AUTHORS = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Dũng', 'Phạm Minh Đức', 'Võ Thị Hương', 'Đặng Quốc Khánh'];

const pad = (n: number) => String(n).padStart(2, '0');

function day(r: Rng, from: number, to: number): Date {
	return new Date(from + Math.floor(r() * (to - from)));
}

const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2026, 11, 31);
const DAY = 86_400_000;

function frontmatter(r: Rng): string {
	const categories = sample(r, CATEGORIES, int(r, 1, 3));
	const date = day(r, START, END);
	const lines = ['---', `title: ${JSON.stringify(cap(pick(r, TITLES)(r, categories[0])))}`, `date: "${iso(date)}"`];
	if (chance(r, 0.3))
		lines.push(`updated: "${iso(day(r, date.getTime() + DAY, Math.min(END + DAY, date.getTime() + 200 * DAY)))}"`);
	// Both YAML list styles occur in real posts.
	if (chance(r, 0.7)) lines.push('categories:', ...categories.map((c) => `  - ${JSON.stringify(c)}`));
	else lines.push(`categories: [${categories.map((c) => JSON.stringify(c)).join(', ')}]`);
	if (chance(r, 0.5))
		lines.push(`excerpt: ${JSON.stringify(sentence(r, { math: false, breakers: false }).replace(/[*`]/g, ''))}`);
	if (chance(r, 0.4)) lines.push(`author: ${JSON.stringify(pick(r, AUTHORS))}`);
	lines.push('---');
	return lines.join('\n');
}

/** One post's full text (frontmatter and body) for a seed and 0-based index. */
export function generatePost(seed: number, index: number): string {
	const r = postRng(seed, index);
	const head = frontmatter(r);
	const flags: Flags = { math: chance(r, 0.3), breakers: chance(r, 0.35) };
	const budget = { words: int(r, 580, 950) };
	const sections = int(r, 4, 8);
	// An introduction, if drawn, comes first and a summary last, as in real notes.
	const rank = (h: (typeof HEADINGS)[number]) => (h === HEADINGS[0] ? -1 : h === HEADINGS[HEADINGS.length - 1] ? 1 : 0);
	const headings = sample(r, HEADINGS, sections)
		.sort((a, b) => rank(a) - rank(b))
		.map((h) => h(r));
	// Spread tables and code blocks over distinct sections so every post has the same kinds of structure.
	const tables = new Set(sample(r, [...Array(sections).keys()], int(r, 1, 2)));
	const langs = sample(r, LANGUAGES, int(r, 2, 4));
	const codeAt = new Map(sample(r, [...Array(sections).keys()], langs.length).map((s, i) => [s, langs[i]]));
	const alertAt = chance(r, 0.4) ? int(r, 0, sections - 1) : -1;

	const blocks: string[] = [paragraph(r, flags, budget)];
	for (let s = 0; s < sections; s++) {
		const level = s > 0 && chance(r, 0.35) ? '###' : '##';
		blocks.push(`${level} ${cap(headings[s])}`);
		const left = sections - s;
		const paras = Math.max(1, Math.round(budget.words / left / 60));
		for (let p = 0; p < paras && budget.words > 0; p++) blocks.push(paragraph(r, flags, budget));
		if (chance(r, 0.5)) blocks.push(list(r, budget));
		if (tables.has(s)) blocks.push(table(r));
		const lang = codeAt.get(s);
		if (lang) {
			blocks.push(`Đoạn mã sau minh họa cách ${pick(r, VERBS)} ${pick(r, NOUNS)} bằng ${lang}:`);
			blocks.push('```' + lang + '\n' + pick(r, CODE[lang])(r) + '\n```');
		}
		if (s === alertAt) {
			const kind = pick(r, ['NOTE', 'NOTE', 'TIP', 'WARNING', 'IMPORTANT']);
			blocks.push(`> [!${kind}]\n> ${sentence(r, flags)} ${sentence(r, flags)}`);
		}
		if (budget.words > 0 && chance(r, 0.3)) blocks.push(paragraph(r, flags, budget));
	}
	// Posts that should carry a breaker always do, even if no sentence happened to draw one.
	if (flags.breakers) blocks.push(`Lưu ý: ${pick(r, BREAKERS)}.`);
	return `${head}\n\n${blocks.join('\n\n')}\n`;
}

/** Writes `count` deterministic posts `post-0001.md`… into `dir` (created if missing). */
export function generatePosts(dir: string, count: number, seed = 1): void {
	mkdirSync(dir, { recursive: true });
	for (let i = 0; i < count; i++) {
		writeFileSync(join(dir, `post-${String(i + 1).padStart(4, '0')}.md`), generatePost(seed, i));
	}
}

if (isMain(import.meta.url)) {
	const [out, n, seed] = process.argv.slice(2);
	if (!out || !n || !/^\d+$/.test(n)) {
		console.error('usage: npx tsx bench/generate.ts OUT_DIR N [SEED]');
		process.exit(2);
	}
	generatePosts(out, Number(n), seed ? Number(seed) : 1);
	console.log(`wrote ${n} posts to ${out}`);
}
