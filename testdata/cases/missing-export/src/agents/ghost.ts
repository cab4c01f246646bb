class Ghost {}
console.log(Ghost);
