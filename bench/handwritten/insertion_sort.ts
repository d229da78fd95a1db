/** Insertion sort of pseudo-random integers (bench/programs/insertion_sort.stfasm). */
function insertionSort(a: number[]): void {
  for (let i = 1; i < a.length; i++) {
    const key = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > key) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = key;
  }
}

export default function main(n: number): number {
  const arr: number[] = [];
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 75 + 74) % 65537;
    arr.push(x);
  }
  insertionSort(arr);
  let s = 0;
  for (let i = 0; i < n; i++) s += arr[i]! * ((i % 13) + 1);
  return s;
}
